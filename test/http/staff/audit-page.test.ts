// The audit log as sentences: who, in which role, did what to what, grouped by day in the
// school's zone, with filters, a CSV of the filtered list and the raw entry one click away.
import type { FastifyInstance } from 'fastify';
import { createHttpApp } from '../../../src/http/create-http-app.js';
import { staffRoutes } from '../../../src/http/staff/staff-routes.js';
import { openSignInLink } from '../../../src/modules/family-web/open-sign-in-link.js';
import { signSignInToken } from '../../../src/modules/family-web/sign-in-token.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { createSchoolFixture, createStaff, SECRET, testContext, type SchoolFixture } from '../../support/staff-fixture.js';
import { StaffClient } from './staff-client.js';

let db: TestDatabase;
let app: FastifyInstance;
let one: SchoolFixture;
let other: SchoolFixture;
let admin: StaffClient;
let adminId: string;
const NOW = new Date('2026-10-15T12:00:00Z');

const text = (body: string) => body.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');

beforeAll(async () => {
  db = await createTestDatabase();
  const ctx = testContext(db);
  one = await createSchoolFixture(db.prisma, 'Школа №1', NOW);
  other = await createSchoolFixture(db.prisma, 'Школа №2', NOW);
  adminId = await createStaff(ctx, { schoolId: one.schoolId, role: 'admin', email: 'admin@school.test' });
  await db.prisma.staffUser.update({ where: { id: adminId }, data: { fullName: 'Ольга Петрова' } });
  await createStaff(ctx, { schoolId: one.schoolId, role: 'teacher', email: 'teacher@school.test', classExternalId: '5a' });
  await createStaff(ctx, { schoolId: other.schoolId, role: 'admin', email: 'other@school.test' });
  app = await createHttpApp(ctx, { plugins: [staffRoutes] });

  // Real actions: a failed and a good sign-in, codes issued, a settings change, a parent's sign-in.
  const stranger = new StaffClient(app);
  await stranger.get('/staff/login');
  await stranger.post('/staff/login', { email: 'admin@school.test', password: 'wrong password 1', next: '/staff' });
  admin = new StaffClient(app);
  await admin.login('admin@school.test');
  await admin.get(`/staff/admin/consent-codes?class=${one.classA.id}`);
  expect((await admin.post('/staff/admin/consent-codes/issue', { classId: one.classA.id, perStudent: '2' })).statusCode).toBe(200);
  await admin.get('/staff/admin/school');
  expect((await admin.post('/staff/admin/school', { first: 'telegram', second: 'max' })).statusCode).toBe(303);
  const { token } = signSignInToken(SECRET, [one.guardians.ivanova], new Date());
  expect(await openSignInLink(db.prisma, SECRET, token, new Date())).not.toBeNull();
  // Another school's log never shows here.
  await db.prisma.auditLog.create({ data: { schoolId: other.schoolId, actorType: 'cli', action: 'school.settings', targetType: 'school', targetId: other.schoolId } });
});

afterAll(async () => {
  await app.close();
  await db.drop();
});

test('each entry reads as a sentence with names, not ids', async () => {
  const page = await admin.get('/staff/admin/audit');
  expect(page.statusCode).toBe(200);
  const body = text(page.body);
  expect(body).toContain('Ольга Петрова (администратор): выданы 6 кодов для 5А');
  expect(body).toContain('Ольга Петрова (администратор): вход в систему');
  expect(body).toContain('Посетитель без входа: неудачная попытка входа (адрес admin@school.test)');
  expect(body).toContain('Ольга Петрова (администратор): изменены настройки школы');
  expect(body).toContain('Родитель Иванова Е.: вход на семейную страницу');
  expect(body).not.toContain('Школа №2');
  // One line for the six codes issued at once, not six.
  expect(page.body.match(/data-action="consent.code.issue"/g)).toHaveLength(1);
});

test('entries are grouped under the day in the school zone, with the local time', async () => {
  const page = await admin.get('/staff/admin/audit');
  const issued = await db.prisma.auditLog.findFirstOrThrow({ where: { schoolId: one.schoolId, action: 'consent.code.issue' } });
  const day = new Intl.DateTimeFormat('ru-RU', { timeZone: 'Europe/Moscow', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(issued.createdAt);
  expect(page.body).toContain(`>${day}</h2>`);
  const time = new Intl.DateTimeFormat('ru-RU', { timeZone: 'Europe/Moscow', hour: '2-digit', minute: '2-digit' }).format(issued.createdAt);
  expect(page.body).toContain(`<time datetime="${issued.createdAt.toISOString()}">${time}</time>`);
});

test('the raw entry is one click away: action code, target and pretty JSON', async () => {
  const page = await admin.get('/staff/admin/audit?action=school.settings');
  expect(page.body).toContain('<summary>Подробности</summary>');
  expect(page.body).toContain('<code>school.settings</code>');
  expect(page.body).toContain(`<code>school: ${one.schoolId}</code>`);
  expect(page.body).toMatch(/<pre>\{\n {2}&quot;after&quot;: \{\n {4}&quot;maxDigests&quot;: false,/);
});

test('filters by person, action group and dates', async () => {
  const mine = text((await admin.get(`/staff/admin/audit?actor=staff:${adminId}`)).body);
  expect(mine).toContain('выданы 6 кодов для 5А');
  expect(mine).not.toContain('Посетитель без входа:');
  expect(mine).not.toContain('Родитель Иванова Е.');
  const parents = text((await admin.get('/staff/admin/audit?actor=guardian')).body);
  expect(parents).toContain('Родитель Иванова Е.: вход на семейную страницу');
  expect(parents).not.toContain('Ольга Петрова (администратор):');
  const staffGroup = (await admin.get('/staff/admin/audit?action=staff.')).body;
  expect(staffGroup).toContain('data-action="staff.login"');
  expect(staffGroup).not.toContain('data-action="consent.code.issue"');
  // The action list is grouped and in words.
  expect(staffGroup).toContain('<optgroup label="Сотрудники и вход"><option value="staff." selected>Сотрудники и вход: все</option>');
  expect(staffGroup).toContain('<option value="staff.login_failed">неудачная попытка входа (адрес …)</option>');
  // Entries happened today (real clock); a range in the past shows none.
  const past = await admin.get('/staff/admin/audit?from=2020-01-01&to=2020-01-31');
  expect(past.body).toContain('За выбранное время записей нет.');
  const bad = await admin.get('/staff/admin/audit?from=2026-02-31');
  expect(bad.statusCode).toBe(200);
  expect(bad.body).toContain('Дата «2026-02-31» не понята');
  // The filters stay in the page's links (language switch).
  expect(staffGroup).toContain('href="/staff/admin/audit?action=staff.&amp;lang=en"');
});

test('pages through the log', async () => {
  const rows = Array.from({ length: 60 }, (_, i) => ({ schoolId: one.schoolId, actorType: 'cli', action: 'school.retention_set', targetType: 'school', targetId: one.schoolId, createdAt: new Date(Date.UTC(2025, 0, 1, 0, i)) }));
  await db.prisma.auditLog.createMany({ data: rows });
  const first = await admin.get('/staff/admin/audit?action=school.retention_set');
  expect(first.body.match(/data-action=/g)).toHaveLength(50);
  expect(first.body).toContain('href="/staff/admin/audit?action=school.retention_set&amp;page=2" rel="next"');
  const second = await admin.get('/staff/admin/audit?action=school.retention_set&page=2');
  expect(second.body.match(/data-action=/g)).toHaveLength(10);
  expect(text(second.body)).toContain('Командная строка: изменены сроки хранения данных');
  expect(second.body).toContain('rel="prev"');
  expect(second.body).not.toContain('rel="next"');
  await db.prisma.auditLog.deleteMany({ where: { action: 'school.retention_set' } });
});

test('the CSV holds the filtered list in words, with the raw action and details, UTF-8 with BOM', async () => {
  const csv = await admin.get(`/staff/admin/audit/export.csv?actor=staff:${adminId}`);
  expect(csv.statusCode).toBe(200);
  expect(csv.headers['content-type']).toContain('text/csv');
  expect(csv.body.startsWith('\uFEFFКогда;Кто;Что сделано;Действие (код);Объект (тип и id);Подробности (JSON)\r\n')).toBe(true);
  expect(csv.body).toContain(';Ольга Петрова (администратор);выданы 6 кодов для 5А;consent.code.issue;consent_code: ');
  expect(csv.body).toContain(';Ольга Петрова (администратор);вход в систему;staff.login;');
  expect(csv.body).not.toContain('неудачная попытка входа');
  expect(csv.body).not.toContain('Родитель');
});

test('English pages speak English', async () => {
  const page = text((await admin.get('/staff/admin/audit?lang=en')).body);
  expect(page).toContain('Ольга Петрова (administrator): issued 6 codes for 5А');
  expect(page).toContain('Visitor, not signed in: failed sign-in attempt (address admin@school.test)');
  await admin.get('/staff/admin/audit?lang=ru');
});

test('only admins read the log', async () => {
  const teacher = new StaffClient(app);
  await teacher.login('teacher@school.test');
  expect((await teacher.get('/staff/admin/audit')).statusCode).toBe(403);
  expect((await teacher.get('/staff/admin/audit/export.csv')).statusCode).toBe(403);
});
