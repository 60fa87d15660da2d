// Journey "an admin disables a teacher and resets a password": in chromium the admin opens
// Сотрудники, disables a teacher after the confirmation step (the teacher's open session in
// a second browser is signed out on its next click), and sends another teacher a password
// reset link, whose email (an .eml file of the service's own mailer) sets a new password
// that then signs in. axe-core checks both staff-management pages at 1280 and 390 pixels.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { simpleParser } from 'mailparser';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { createSchoolFixture, createStaff, PASSWORD, testContext, type SchoolFixture } from '../support/staff-fixture.js';
import { closeBrowser, expectNoAxeViolations, expectNoHorizontalScroll, newPage, screenshot, signIn } from './support/browser.js';
import { startServer } from './support/server.js';

const NEW_PASSWORD = 'Зелёный трамвай едет в депо';

let db: TestDatabase;
let app: FastifyInstance;
let base: string;
let dataDir: string;
let school: SchoolFixture;
const ids = { teacher: '', other: '' };

beforeAll(async () => {
  db = await createTestDatabase();
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'vestnik-staff-management-'));
  const ctx = testContext(db, { VESTNIK_DATA_DIR: dataDir });
  school = await createSchoolFixture(db.prisma, 'Школа №1', new Date());
  const head = await createStaff(ctx, { schoolId: school.schoolId, role: 'admin', email: 'petrova@school.test' });
  ids.teacher = await createStaff(ctx, { schoolId: school.schoolId, role: 'teacher', email: 'sidorov@school.test', classExternalId: '5a' });
  ids.other = await createStaff(ctx, { schoolId: school.schoolId, role: 'teacher', email: 'kuznetsova@school.test', classExternalId: '5b' });
  const names: Array<[string, string]> = [[head, 'Ольга Петрова'], [ids.teacher, 'Иван Сидоров'], [ids.other, 'Мария Кузнецова']];
  for (const [id, fullName] of names) await db.prisma.staffUser.update({ where: { id }, data: { fullName } });
  await db.prisma.staffUser.update({ where: { id: ids.other }, data: { lastLoginAt: new Date(Date.now() - 26 * 3600_000) } });
  ({ app, base } = await startServer(ctx));
});

afterAll(async () => {
  await closeBrowser();
  await app?.close();
  await db?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

async function mailsTo(address: string): Promise<string[]> {
  const dir = path.join(dataDir, 'outbox');
  const files = await readdir(dir).catch(() => [] as string[]);
  const mails = await Promise.all(files.map(async (file) => simpleParser(await readFile(path.join(dir, file)))));
  return mails.filter((m) => m.to && JSON.stringify(m.to).includes(address)).map((m) => m.text ?? '');
}

test('an admin disables a teacher and resets a password', async () => {
  const teacher = await newPage();
  await signIn(teacher, base, 'sidorov@school.test', PASSWORD);
  expect(new URL(teacher.url()).pathname).toBe(`/staff/classes/${school.classA.id}`);

  const admin = await newPage();
  await signIn(admin, base, 'petrova@school.test', PASSWORD);
  await admin.getByRole('link', { name: 'Сотрудники' }).first().click();
  await admin.waitForURL(`${base}/staff/admin/staff`);
  await expect(admin.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Сотрудники');
  await expectNoAxeViolations(admin, 'staff list at 1280');

  // Search narrows the list; then the teacher's own page.
  await admin.fill('input[name=q]', 'сидор');
  await admin.click('form[role=search] button[type=submit]');
  await expect(admin.locator('table.data tbody tr').count()).resolves.toBe(1);
  await admin.getByRole('link', { name: 'Иван Сидоров' }).click();
  await admin.waitForURL(`${base}/staff/admin/staff/${ids.teacher}`);
  await expectNoAxeViolations(admin, 'staff member page at 1280');

  await admin.getByRole('link', { name: 'Отключить учётную запись…' }).click();
  await expect(admin.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Отключить учётную запись?');
  await expectNoAxeViolations(admin, 'disable confirmation at 1280');
  await admin.getByRole('button', { name: 'Да, отключить' }).click();
  await admin.waitForURL(/done=disabled/);
  await expect(admin.getByRole('status').first().textContent()).resolves.toContain('Учётная запись отключена');
  await expect(admin.locator('.status').first().textContent()).resolves.toBe('отключён');

  // The teacher's next click lands on the login page.
  await teacher.getByRole('link', { name: 'Ознакомление' }).first().click();
  await teacher.waitForURL(/\/staff\/login/);
  await teacher.fill('input[name=email]', 'sidorov@school.test');
  await teacher.fill('input[name=password]', PASSWORD);
  await teacher.click('button[type=submit]');
  await expect(teacher.getByRole('alert').textContent()).resolves.toContain('Неверная почта или пароль.');

  // A password reset for the other teacher, by email.
  await admin.goto(`${base}/staff/admin/staff`);
  await admin.getByRole('link', { name: 'Мария Кузнецова' }).click();
  await admin.getByRole('button', { name: 'Отправить ссылку для смены пароля' }).click();
  await admin.waitForURL(/done=resetSent/);
  await expect(admin.getByRole('status').first().textContent()).resolves.toContain('Ссылка для смены пароля отправлена на kuznetsova@school.test.');
  expect(await admin.content()).not.toContain('token=');

  const [mail] = await mailsTo('kuznetsova@school.test');
  expect(mail).toContain('Администратор школы отправил вам ссылку');
  const link = /http:\/\/localhost:3000(\/staff\/password\/reset\?token=\S+)/.exec(mail ?? '')?.[1] as string;
  expect(link).toBeDefined();
  const colleague = await newPage();
  await colleague.goto(`${base}${link}`);
  await colleague.fill('input[name=password]', NEW_PASSWORD);
  await colleague.fill('input[name=repeat]', NEW_PASSWORD);
  await colleague.click('form button[type=submit]');
  await colleague.waitForURL(/\/staff\/login\?reset=1/);
  await signIn(colleague, base, 'kuznetsova@school.test', NEW_PASSWORD);
  expect(new URL(colleague.url()).pathname).toBe(`/staff/classes/${school.classB.id}`);

  await admin.goto(`${base}/staff/admin/staff`);
  await screenshot(admin, 'staff-management-1280');
  await Promise.all([teacher.context().close(), admin.context().close(), colleague.context().close()]);
});

test('both staff-management pages pass axe-core and fit a 390-pixel phone', async () => {
  const phone = await newPage({ width: 390 });
  await signIn(phone, base, 'petrova@school.test', PASSWORD);
  await phone.goto(`${base}/staff/admin/staff`);
  await expectNoAxeViolations(phone, 'staff list at 390');
  await expectNoHorizontalScroll(phone, 'staff list at 390');
  await screenshot(phone, 'staff-management-390');

  // A refused invitation shows its error next to the field, which axe checks too.
  await phone.fill('#invite input[name=email]', 'kuznetsova@school.test');
  await phone.selectOption('#invite select[name=role]', 'admin');
  await phone.click('#invite button[type=submit]');
  await expect(phone.locator('#invite-email-error').textContent()).resolves.toContain('Учётная запись с этой почтой уже есть.');
  await expectNoAxeViolations(phone, 'staff list with an invitation error at 390');

  await phone.goto(`${base}/staff/admin/staff/${ids.other}`);
  await expectNoAxeViolations(phone, 'staff member page at 390');
  await expectNoHorizontalScroll(phone, 'staff member page at 390');
  await screenshot(phone, 'staff-management-member-390');
  await phone.goto(`${base}/staff/admin/staff/${ids.other}?lang=en`);
  await expectNoAxeViolations(phone, 'staff member page in English at 390');
  await phone.context().close();
});
