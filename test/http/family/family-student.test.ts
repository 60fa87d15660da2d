// The family page for a student: "Вход для ученика по коду" opens a session of the student's
// own, which shows that student's views only and ends with the guardian's consent.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { shortId } from '../../../src/conversation/format/callback-data.js';
import { createFamilyRoutes } from '../../../src/http/family/family-routes.js';
import { createHttpApp } from '../../../src/http/create-http-app.js';
import { createMailer } from '../../../src/mail/create-mailer.js';
import { issueConsentCodes } from '../../../src/modules/consent/issue-consent-codes.js';
import { withdrawConsent } from '../../../src/modules/consent/withdraw-consent.js';
import { endStudentAccount } from '../../../src/modules/students/end-student-account.js';
import { listStudentAccounts } from '../../../src/modules/students/list-student-accounts.js';
import { seedSchool, type Seeded } from '../../bot/support/seed.js';
import { testContext, TEST_SECRET } from '../../support/context.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { formBrowser } from './support/form-browser.js';

let db: TestDatabase;
let app: FastifyInstance;
let seed: Seeded;
let dataDir: string;
const clock = new Date('2026-03-02T09:00:00Z');

beforeAll(async () => {
  db = await createTestDatabase();
  dataDir = await mkdtemp(path.join(tmpdir(), 'vestnik-family-student-'));
  const ctx = testContext(db, { VESTNIK_DATA_DIR: dataDir });
  seed = await seedSchool(db.prisma, clock);
  app = await createHttpApp(ctx, { plugins: [createFamilyRoutes({ mailer: createMailer(ctx.config), now: () => clock })] });
});

afterAll(async () => {
  await app.close();
  await db.drop();
  await rm(dataDir, { recursive: true, force: true });
});

const browser = () => formBrowser(() => app);

async function studentSignIn(b: ReturnType<typeof browser>, code: string) {
  const form = await b.get('/me');
  expect(form.body).toContain('Вход для ученика по коду');
  return b.post('/me/student-sign-in', { _csrf: b.csrf(form.body), code });
}

test('a student signs in with a student code once a parent has signed, and sees only their own data', async () => {
  const codes = (await issueConsentCodes(db.prisma, TEST_SECRET, { schoolId: seed.schoolId, classExternalId: 'c5a', forStudents: true, now: clock })).codes;
  const code = codes.find((c) => c.studentExternalId === 's1')!.code;
  const b = browser();

  const early = await studentSignIn(b, code);
  expect(early.statusCode).toBe(400);
  expect(early.body).toContain('начнёт работать, когда родитель подпишет согласие');
  const wrong = await studentSignIn(b, 'ZZZZ-ZZZZ-ZZZZ-ZZ');
  expect(wrong.body).toContain('Код не подошёл');

  await db.prisma.consentRecord.create({ data: { schoolId: seed.schoolId, guardianId: seed.guardians.ru, studentId: seed.students.ilya, decision: 'signed', documentRef: 'form' } });
  const signedIn = await studentSignIn(b, code);
  expect(signedIn.statusCode).toBe(303);

  const home = await b.get('/me');
  expect(home.body).toContain('Петров Илья, 5А');
  // No links to the parents' screens, and no web push.
  expect(home.body).not.toContain('href="/me/c/settings"');
  expect(home.body).not.toContain('st%3Acs');
  const marks = await b.get('/me/c/marks');
  expect(marks.body).toContain('<b>Алгебра</b>');
  const sibling = await b.get(`/me/go?p=${encodeURIComponent(`v:marks:${shortId(seed.students.masha)}`)}`);
  expect(sibling.body).toContain('Эти сведения недоступны');
  expect(sibling.body).not.toContain('Петрова Маша');
  expect((await b.get('/me/c/settings')).body).toContain('Это для родителей');
  expect(await db.prisma.viewEvent.count()).toBe(0);
  // The code was used: another browser cannot sign in with it.
  expect((await studentSignIn(browser(), code)).body).toContain('Код не подошёл');

  // The consent withdrawn: the student's session ends with it.
  await withdrawConsent(db.prisma, { schoolId: seed.schoolId, guardianId: seed.guardians.ru, now: clock });
  expect(await db.prisma.studentAccount.count()).toBe(0);
  const after = await b.get('/me');
  expect(after.body).toContain('Вход для ученика по коду');
  expect(after.body).not.toContain('Петров Илья, 5А');
});

test("a parent ending the student's web account signs that browser out; another family cannot", async () => {
  await db.prisma.consentRecord.create({ data: { schoolId: seed.schoolId, guardianId: seed.guardians.en, studentId: seed.students.oleg, decision: 'signed', documentRef: 'form' } });
  const codes = (await issueConsentCodes(db.prisma, TEST_SECRET, { schoolId: seed.schoolId, classExternalId: 'c5a', forStudents: true, now: clock })).codes;
  const b = browser();
  expect((await studentSignIn(b, codes.find((c) => c.studentExternalId === 's3')!.code)).statusCode).toBe(303);
  expect((await b.get('/me')).body).toContain('Oleg Sidorov, 5А');

  const account = await db.prisma.studentAccount.findFirstOrThrow({ where: { studentId: seed.students.oleg } });
  expect((await listStudentAccounts(db.prisma, [seed.guardians.en])).map((a) => [a.fullName, a.channel])).toEqual([['Oleg Sidorov', 'web']]);
  // Another family's guardian cannot end it.
  expect(await endStudentAccount(db.prisma, { guardianIds: [seed.guardians.other], accountId: account.id })).toBe(false);
  expect(await endStudentAccount(db.prisma, { guardianIds: [seed.guardians.en], accountId: account.id })).toBe(true);
  const after = await b.get('/me');
  expect(after.body).toContain('Вход для ученика по коду');
  expect(await db.prisma.familySession.count({ where: { id: account.address } })).toBe(0);
});
