// The codes page: a per-class summary, search, filters and pages of codes, bulk revoke and
// reissue that ask first, the row's action behind a menu, and student codes marked and kept
// off the printed consent form.
import type { FastifyInstance } from 'fastify';
import { createHttpApp } from '../../../src/http/create-http-app.js';
import { staffRoutes } from '../../../src/http/staff/staff-routes.js';
import { issueConsentCodes, type IssuedCodes } from '../../../src/modules/consent/issue-consent-codes.js';
import { recordConsent } from '../../../src/modules/consent/record-consent.js';
import { revokeConsentCode } from '../../../src/modules/consent/revoke-consent-code.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { createSchoolFixture, createStaff, SECRET, testContext, type SchoolFixture } from '../../support/staff-fixture.js';
import { StaffClient } from './staff-client.js';

let db: TestDatabase;
let app: FastifyInstance;
let one: SchoolFixture;
let other: SchoolFixture;
let admin: StaffClient;
let codesA: IssuedCodes;
let expiredB: IssuedCodes;
const DAY = 86_400_000;

const text = (body: string) => body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
/** The codes that can be ticked (used and revoked ones are shown disabled). */
const checkboxes = (body: string) => [...body.matchAll(/<input type="checkbox" name="codeId" value="([0-9a-f-]{36})" form="bulk" aria-label="[^"]*">/g)].map((m) => m[1] as string);
/** The figures of one summary row: issued, signed, redeemed, refused, expired, revoked. */
function summaryRow(body: string, name: string): number[] {
  const row = new RegExp(`<th scope="row">(?:<a [^>]+>)?${name}(?:</a>)?</th>(.*?)</tr>`).exec(body)?.[1] ?? '';
  return [...row.matchAll(/>(\d+)<\/td>/g)].map((m) => Number(m[1]));
}

beforeAll(async () => {
  db = await createTestDatabase();
  const ctx = testContext(db);
  // The clock of these codes is today's (the page judges expiry by it): the expired ones were issued long ago.
  const now = new Date();
  one = await createSchoolFixture(db.prisma, 'Школа №1', now);
  other = await createSchoolFixture(db.prisma, 'Школа №2', now);
  await createStaff(ctx, { schoolId: one.schoolId, role: 'admin', email: 'admin@school.test' });
  await createStaff(ctx, { schoolId: one.schoolId, role: 'teacher', email: 'teacher@school.test', classExternalId: '5a' });
  app = await createHttpApp(ctx, { plugins: [staffRoutes] });
  codesA = await issueConsentCodes(db.prisma, SECRET, { schoolId: one.schoolId, classExternalId: '5a', perStudent: 2, now });
  expiredB = await issueConsentCodes(db.prisma, SECRET, { schoolId: one.schoolId, classExternalId: '5b', now: new Date(now.getTime() - 400 * DAY) });
  const [ivanov1, ivanov2, petrova1, , sidorov1] = codesA.codes;
  await recordConsent(db.prisma, SECRET, { schoolId: one.schoolId, code: ivanov1?.code as string, decision: 'signed', guardianName: 'Новикова Ирина', email: 'novikova@example.org', channel: 'email' });
  await recordConsent(db.prisma, SECRET, { schoolId: one.schoolId, code: petrova1?.code as string, decision: 'refused', guardianName: 'Петров Сергей', channel: 'paper' });
  await revokeConsentCode(db.prisma, SECRET, ivanov2?.code as string);
  // A redemption is the bot's doing; here the code is marked used as the bot would leave it.
  await db.prisma.consentCode.update({ where: { id: sidorov1?.codeId as string }, data: { status: 'redeemed', redeemedAt: now } });
  admin = new StaffClient(app);
  await admin.login('admin@school.test');
});

afterAll(async () => {
  await app.close();
  await db.drop();
});

test('the summary counts each class: issued, signed, redeemed, refused, expired, revoked, with totals', async () => {
  const page = await admin.get('/staff/admin/consent-codes');
  expect(page.statusCode).toBe(200);
  expect(page.body).toContain('<th scope="col">Класс</th><th scope="col" class="num">Выдано</th><th scope="col" class="num">Согласий</th><th scope="col" class="num">Использовано</th><th scope="col" class="num">Отказов</th><th scope="col" class="num">Истекло</th><th scope="col" class="num">Отозвано</th>');
  // A refusal revokes its code too: 5А has one revoked by hand and one refused.
  expect(summaryRow(page.body, '5А')).toEqual([6, 1, 1, 1, 0, 2]);
  expect(summaryRow(page.body, '5Б')).toEqual([1, 0, 0, 0, 1, 0]);
  expect(summaryRow(page.body, 'Всего')).toEqual([7, 1, 1, 1, 1, 2]);
});

test('search finds a code by the typed code, by the student and by the guardian', async () => {
  const byCode = await admin.get(`/staff/admin/consent-codes?q=${encodeURIComponent((codesA.codes[2]?.code as string).toLowerCase())}`);
  expect(checkboxes(byCode.body)).toEqual([]);
  expect(text(byCode.body)).toContain('Найдено кодов: 1');
  expect(text(byCode.body)).toContain('отказ: Петров Сергей');
  const byStudent = await admin.get('/staff/admin/consent-codes?q=%D1%81%D0%B8%D0%B4%D0%BE%D1%80%D0%BE%D0%B2'); // "сидоров"
  expect(text(byStudent.body)).toContain('Найдено кодов: 2');
  expect(byStudent.body).not.toContain('Иванов Пётр</td>');
  const byGuardian = await admin.get(`/staff/admin/consent-codes?q=${encodeURIComponent('Новикова')}`);
  expect(text(byGuardian.body)).toContain('Найдено кодов: 1');
  expect(text(byGuardian.body)).toContain('согласие: Новикова Ирина');
  const none = await admin.get('/staff/admin/consent-codes?q=nobody');
  expect(none.body).toContain('Ничего не найдено. Измените условия поиска.');
});

test('filters by class and status, kept in the URL', async () => {
  const expired = await admin.get('/staff/admin/consent-codes?status=expired');
  expect(text(expired.body)).toContain('Найдено кодов: 1');
  expect(expired.body).toContain('Кузнецова Мария');
  expect(expired.body).toContain('<option value="expired" selected>истёк</option>');
  const classB = await admin.get(`/staff/admin/consent-codes?class=${one.classB.id}&status=expired`);
  expect(classB.body).toContain(`href="/staff/admin/consent-codes?class=${one.classB.id}&amp;status=expired&amp;lang=en"`);
  const classA = await admin.get(`/staff/admin/consent-codes?class=${one.classA.id}`);
  expect(text(classA.body)).toContain('Найдено кодов: 6');
  expect(classA.body).not.toContain('Кузнецова Мария</td>');
  // Used and revoked codes cannot be ticked; each box is named after its code's row.
  expect(checkboxes(classA.body)).toHaveLength(3);
  expect(classA.body).toMatch(/<input type="checkbox" name="codeId" value="[0-9a-f-]{36}" form="bulk" aria-label="Выбрать код: Петрова Анна, 5А, выдан [^"]+">/);
});

test('pages through a long list, the filters kept in the page links', async () => {
  const big = await db.prisma.schoolClass.create({ data: { schoolId: one.schoolId, externalId: '7v', name: '7В', grade: 7 } });
  for (let i = 1; i <= 6; i += 1) await db.prisma.student.create({ data: { schoolId: one.schoolId, externalId: `7v-${i}`, fullName: `Ученик ${i}`, classId: big.id } });
  await issueConsentCodes(db.prisma, SECRET, { schoolId: one.schoolId, classExternalId: '7v', perStudent: 10, now: new Date() });
  const first = await admin.get(`/staff/admin/consent-codes?class=${big.id}&status=issued`);
  expect(checkboxes(first.body)).toHaveLength(50);
  expect(text(first.body)).toContain('Страница 1 из 2');
  expect(first.body).toContain(`href="/staff/admin/consent-codes?class=${big.id}&amp;status=issued&amp;page=2#codes" rel="next"`);
  const second = await admin.get(`/staff/admin/consent-codes?class=${big.id}&status=issued&page=2`);
  expect(checkboxes(second.body)).toHaveLength(10);
  expect(new Set([...checkboxes(first.body), ...checkboxes(second.body)]).size).toBe(60);
  expect(second.body).toContain('rel="prev"');
  await db.prisma.consentCode.deleteMany({ where: { student: { classId: big.id } } });
  await db.prisma.student.deleteMany({ where: { classId: big.id } });
  await db.prisma.schoolClass.delete({ where: { schoolId_id: { schoolId: big.schoolId, id: big.id } } });
});

test('each row acts through its menu, not a red button', async () => {
  const page = await admin.get(`/staff/admin/consent-codes?class=${one.classA.id}`);
  expect(page.body).not.toContain('class="danger small"');
  expect(page.body).toMatch(/<details class="row-menu"><summary aria-label="Действия с кодом: Петрова Анна, выдан [^"]+">Действия<\/summary>\s*<form method="post" action="\/staff\/admin\/consent-codes\/revoke">/);
  expect(page.body.match(/<details class="row-menu">/g)).toHaveLength(3);
});

test('revoking the selected codes asks first, says how many, and is audited with the count', async () => {
  const page = await admin.get(`/staff/admin/consent-codes?class=${one.classA.id}&status=issued`);
  const ids = checkboxes(page.body);
  expect(ids).toHaveLength(2);
  const redeemed = codesA.codes[4]?.codeId as string;
  const foreign = (await issueConsentCodes(db.prisma, SECRET, { schoolId: other.schoolId, classExternalId: '5b', now: new Date() })).codes[0]?.codeId as string;
  const confirm = await admin.post('/staff/admin/consent-codes/bulk', { action: 'revoke', classId: one.classA.id, codeId: [...ids, redeemed, foreign] });
  expect(confirm.statusCode).toBe(200);
  expect(text(confirm.body)).toContain('Будет отозвано 2 кода.');
  expect(text(confirm.body)).toContain('5А: 2');
  expect(text(confirm.body)).toContain('2 выбранных кода уже использованы или отозваны — их это не затронет.');
  expect(await db.prisma.consentCode.count({ where: { id: { in: ids }, status: 'revoked' } })).toBe(0);
  // The confirmation carries only the codes it spoke of.
  expect(confirm.body.match(/<input type="hidden" name="codeId"/g)).toHaveLength(2);
  const done = await admin.post('/staff/admin/consent-codes/bulk', { action: 'revoke', classId: one.classA.id, codeId: ids, confirm: 'yes' });
  expect(done.statusCode).toBe(303);
  expect(done.headers.location).toBe(`/staff/admin/consent-codes?class=${one.classA.id}&done=bulkRevoked&count=2`);
  expect((await admin.get(done.headers.location as string)).body).toContain('Отозвано 2 кода.');
  expect(await db.prisma.consentCode.count({ where: { id: { in: ids }, status: 'revoked' } })).toBe(2);
  expect((await db.prisma.consentCode.findUniqueOrThrow({ where: { id: foreign } })).status).toBe('issued');
  const audit = await db.prisma.auditLog.findMany({ where: { action: 'consent.code.revoke', targetId: { in: ids } } });
  expect(audit.map((a) => a.details)).toEqual([expect.objectContaining({ count: 2 }), expect.objectContaining({ count: 2 })]);
  expect(text((await admin.get('/staff/admin/audit?action=consent.code.revoke')).body)).toContain('отозваны 2 кода для 5А');
  // Nothing ticked, or nothing left to revoke: said so, nothing done.
  const empty = await admin.post('/staff/admin/consent-codes/bulk', { action: 'revoke', classId: one.classA.id });
  expect(empty.statusCode).toBe(422);
  expect(empty.body).toContain('Отметьте коды в списке, чтобы их отозвать.');
  const again = await admin.post('/staff/admin/consent-codes/bulk', { action: 'revoke', classId: one.classA.id, codeId: ids });
  expect(again.statusCode).toBe(409);
  expect(again.body).toContain('Среди выбранных нет кодов, которые можно отозвать');
});

test('reissuing the expired codes asks first, then shows the new codes once', async () => {
  const confirm = await admin.post('/staff/admin/consent-codes/bulk', { action: 'reissue', classId: one.classB.id });
  expect(confirm.statusCode).toBe(200);
  expect(text(confirm.body)).toContain('Взамен истёкших будет выдан 1 новый код.');
  expect(text(confirm.body)).toContain('5Б: 1');
  const old = expiredB.codes[0]?.codeId as string;
  expect((await db.prisma.consentCode.findUniqueOrThrow({ where: { id: old } })).status).toBe('issued');
  const done = await admin.post('/staff/admin/consent-codes/bulk', { action: 'reissue', classId: one.classB.id, confirm: 'yes' });
  expect(done.statusCode).toBe(200);
  expect(text(done.body)).toContain('Выдан 1 новый код взамен истёкшего.');
  const plain = /name="code" value="([0-9A-Z-]+)"/.exec(done.body)?.[1] as string;
  expect(text(done.body)).toContain(`5Б Кузнецова Мария ${plain}`);
  expect(done.body).toContain('value="pdf"');
  expect((await db.prisma.consentCode.findUniqueOrThrow({ where: { id: old } })).status).toBe('revoked');
  const fresh = await db.prisma.consentCode.findFirstOrThrow({ where: { studentId: one.students.kuznetsova, status: 'issued' } });
  expect(fresh.expiresAt.getTime()).toBeGreaterThan(Date.now());
  const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: 'consent.code.reissue', targetId: fresh.id } });
  expect(audit.details).toEqual({ replaced: old });
  const again = await admin.post('/staff/admin/consent-codes/bulk', { action: 'reissue', classId: one.classB.id });
  expect(again.statusCode).toBe(409);
  expect(again.body).toContain('Истёкших кодов, которых ждут семьи, нет');
});

test('student codes are marked and never printed on a consent form, even when asked for directly', async () => {
  await admin.get('/staff/admin/consent-codes');
  const issued = await admin.post('/staff/admin/consent-codes/issue', { classId: one.classA.id, perStudent: '1', for: 'students' });
  const codes = [...issued.body.matchAll(/name="code" value="([0-9A-Z-]+)"/g)].map((m) => m[1] as string);
  const list = await admin.get(`/staff/admin/consent-codes?class=${one.classA.id}&kind=students`);
  expect(text(list.body)).toContain('Найдено кодов: 3');
  expect(list.body.match(/<span class="tag student">для ученика<\/span>/g)).toHaveLength(3);
  const guardians = await admin.get(`/staff/admin/consent-codes?class=${one.classA.id}&kind=guardians`);
  expect(guardians.body).not.toContain('для ученика</span>');
  const pdf = await admin.post('/staff/admin/consent-codes/download', { classId: one.classA.id, code: codes, format: 'pdf' });
  expect(pdf.statusCode).toBe(422);
  expect(pdf.headers['content-type']).toContain('text/html');
  expect(text(pdf.body)).toContain('Коды для учеников не печатаются на бланках согласия');
  const csv = await admin.post('/staff/admin/consent-codes/download', { classId: one.classA.id, code: codes, format: 'csv' });
  expect(csv.statusCode).toBe(200);
  expect(csv.body).toContain(codes[0]);
});

test('bulk actions need the CSRF token; a teacher and other schools get nothing', async () => {
  const page = await admin.get(`/staff/admin/consent-codes?class=${one.classA.id}`);
  const ids = checkboxes(page.body);
  expect(ids.length).toBeGreaterThan(0);
  const forged = await admin.post('/staff/admin/consent-codes/bulk', { action: 'revoke', codeId: ids, confirm: 'yes', _csrf: '' });
  expect(forged.statusCode).toBe(403);
  expect(await db.prisma.consentCode.count({ where: { id: { in: ids }, status: 'revoked' } })).toBe(0);
  expect((await admin.get(`/staff/admin/consent-codes?class=${other.classA.id}`)).statusCode).toBe(404);
  await admin.get('/staff/admin/consent-codes');
  expect((await admin.post('/staff/admin/consent-codes/bulk', { action: 'reissue', classId: other.classA.id, confirm: 'yes' })).statusCode).toBe(404);
  const teacher = new StaffClient(app);
  await teacher.login('teacher@school.test');
  expect((await teacher.get('/staff/admin/consent-codes')).statusCode).toBe(403);
  expect((await teacher.post('/staff/admin/consent-codes/bulk', { action: 'revoke', codeId: ids, confirm: 'yes' })).statusCode).toBe(403);
  expect(await db.prisma.consentCode.count({ where: { id: { in: ids }, status: 'revoked' } })).toBe(0);
});
