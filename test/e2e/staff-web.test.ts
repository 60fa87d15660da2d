// The staff web in a real browser: Debian's chromium driven by playwright-core against the
// real HTTP server started in-process on a free port. With UPDATE_SCREENSHOTS=1 the
// screenshots refresh docs/screenshots/; otherwise they go to a temporary folder, so a
// test run never changes tracked files.
import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { addStaffUser } from '../../src/modules/staff/add-staff-user.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { createFakeTelegram } from '../support/fake-telegram/server.js';
import type { FakeTelegram } from '../support/fake-telegram/types.js';
import { createSchoolFixture, createStaff, PASSWORD, testContext, type SchoolFixture } from '../support/staff-fixture.js';
import { closeBrowser, expectNoHorizontalScroll, newPage as openPage, screenshot as shot, signIn } from './support/browser.js';
import { startServer } from './support/server.js';

let db: TestDatabase;
let app: FastifyInstance;
let base: string;
let ctx: ReturnType<typeof testContext>;
let school: SchoolFixture;
let telegram: FakeTelegram;
const TOKEN = '123456:TESTTOKENabcdefghij';

beforeAll(async () => {
  db = await createTestDatabase();
  // The consent forms carry a deep link to the bot, whose username the server asks Telegram for.
  telegram = await createFakeTelegram({ token: TOKEN, botUsername: 'school_vestnik_bot' });
  ctx = testContext(db, { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: telegram.apiRoot });
  school = await createSchoolFixture(db.prisma, 'Школа №1', new Date());
  // Only the Telegram bot is faked here, so the school offers Telegram alone.
  await db.prisma.school.update({ where: { id: school.schoolId }, data: { chatChannels: ['telegram'] } });
  await createStaff(ctx, { schoolId: school.schoolId, role: 'admin', email: 'admin@school.test' });
  await createStaff(ctx, { schoolId: school.schoolId, role: 'teacher', email: 'teacher@school.test', classExternalId: '5a' });
  await db.prisma.paperBatch.create({ data: { schoolId: school.schoolId, classId: school.classA.id, coversFrom: new Date(Date.now() - 14 * 86400_000), coversTo: new Date(), guardianIds: [school.guardians.petrov] } });
  ({ app, base } = await startServer(ctx));
});

afterAll(async () => {
  await closeBrowser();
  await app?.close();
  await db?.drop();
  await telegram?.close();
});

const newPage = (options: { locale?: string; mobile?: boolean } = {}): Promise<Page> => openPage({ locale: options.locale, width: options.mobile ? 390 : 1280 });
const login = (page: Page, email: string): Promise<void> => signIn(page, base, email, PASSWORD);

test('an admin issues codes, downloads them and records a signed consent', async () => {
  const page = await newPage();
  await page.goto(`${base}/staff/login`);
  await shot(page, 'login');
  await login(page, 'admin@school.test');
  expect(page.url()).toContain('/staff/admin/consent-codes');

  await page.click('button:has-text("Выдать коды")');
  await page.waitForSelector('text=Коды выданы');
  await shot(page, 'consent-codes-issued');
  const codes = await page.$$eval('td code', (cells) => cells.map((c) => c.textContent ?? ''));
  expect(codes).toHaveLength(3);

  const [pdf] = await Promise.all([page.waitForEvent('download'), page.click('text=Скачать бланки (PDF)')]);
  const forms = await readFile((await pdf.path()) as string);
  expect(forms.subarray(0, 5).toString()).toBe('%PDF-');
  expect(forms.length).toBeGreaterThan(10_000);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('text=Скачать список (CSV)')]);
  expect(csv.suggestedFilename()).toMatch(/\.csv$/);
  expect(await readFile((await csv.path()) as string, 'utf8')).toContain(codes[0]);

  await page.click('text=К списку кодов');
  await page.fill('#record input[name=code]', (codes[0] as string).toLowerCase());
  await page.fill('#record input[name=guardianName]', 'Новикова Ирина Павловна');
  await page.fill('#record input[name=phone]', '+7 900 123-45-67');
  await page.selectOption('#record select[name=channel]', 'paper');
  await page.click('#record button[type=submit]');
  await page.waitForSelector('text=Согласие внесено.');
  await shot(page, 'consent-codes');
  const record = await db.prisma.consentRecord.findFirstOrThrow({ where: { contactName: 'Новикова Ирина Павловна' } });
  expect(record.decision).toBe('signed');

  for (const [url, name] of [
    [`/staff/admin/summary?class=${school.classA.id}&period=${school.periodId}`, 'summary-sheet'],
    ['/staff/admin/delivery', 'delivery'],
    [`/staff/admin/lessons?period=${school.periodId}`, 'lessons-vs-plan'],
    ['/staff/admin/audit', 'audit-log'],
  ] as const) {
    await page.goto(`${base}${url}`);
    expect(await page.locator('h1').count()).toBe(1);
    await shot(page, name);
  }
  await page.click('text=Выйти');
  await page.waitForURL(/\/staff\/login/);
  await page.context().close();
});

test('a teacher reads the acknowledgment report, exports it and cannot open another class', async () => {
  const page = await newPage({ locale: 'en-GB' });
  await login(page, 'teacher@school.test');
  expect(page.url()).toContain(`/staff/classes/${school.classA.id}/acks`);
  await expect(page.locator('h1').textContent()).resolves.toContain('5А');
  await expect(page.locator('table.data').textContent()).resolves.toContain('Петров Сергей');
  await shot(page, 'acks-teacher-en');

  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('text=Download CSV')]);
  const text = await readFile((await csv.path()) as string, 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  expect(text).toContain('Иванова Елена');
  const [pdf] = await Promise.all([page.waitForEvent('download'), page.click('text=Download PDF')]);
  expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);

  await page.check('input[name=problems]');
  await page.click('text=Apply');
  await expect(page.locator('table.data').textContent()).resolves.not.toContain('Иванова Елена');

  const other = await page.goto(`${base}/staff/classes/${school.classB.id}/acks`);
  expect(other?.status()).toBe(404);
  const admin = await page.goto(`${base}/staff/admin/consent-codes`);
  expect(admin?.status()).toBe(403);

  await page.goto(`${base}/staff/classes/${school.classA.id}/paper`);
  await page.click('text=Mark as handed out');
  await page.waitForSelector('text=Marked as handed out.');
  await shot(page, 'paper-statements');
  const [statements] = await Promise.all([page.waitForEvent('download'), page.click('text=Download PDF to print')]);
  expect((await readFile((await statements.path()) as string)).subarray(0, 5).toString()).toBe('%PDF-');
  await page.context().close();
});

test('the acknowledgment report reads on a phone in Russian', async () => {
  const page = await newPage({ mobile: true });
  await login(page, 'teacher@school.test');
  await shot(page, 'acks-teacher-phone');
  await expectNoHorizontalScroll(page, 'the acknowledgment report');
  await page.context().close();
});

test('a new teacher sets a password through the invitation link and signs in', async () => {
  const added = await addStaffUser(db.prisma, ctx.secret, base, { schoolId: school.schoolId, role: 'teacher', email: 'new.teacher@school.test', classExternalId: '5b' });
  const page = await newPage();
  await page.goto(added.inviteUrl);
  await page.fill('input[name=password]', 'a new long password');
  await page.fill('input[name=repeat]', 'a new long password');
  await shot(page, 'invite');
  await page.click('button[type=submit]');
  await page.waitForSelector('text=Пароль сохранён');
  await page.fill('input[name=password]', 'a new long password');
  await page.click('button[type=submit]');
  await page.waitForURL(new RegExp(`/staff/classes/${school.classB.id}/acks`));
  // The link works once.
  const again = await page.goto(added.inviteUrl);
  expect(again?.status()).toBe(404);
  await page.context().close();
});
