// The family page in a real browser (Debian's chromium via playwright-core) on a phone-sized
// screen, against the real HTTP server: a parent with only an email address signs in from
// the emailed link, reads marks and forecast, acknowledges a final mark (the class
// teacher's report shows it), subscribes to the calendar and withdraws. axe-core checks
// every page for WCAG 2.1 AA. UPDATE_SCREENSHOTS=1 refreshes docs/screenshots/.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { simpleParser } from 'mailparser';
import { outboxDir } from '../../src/mail/create-mailer.js';
import { buildAckReport } from '../../src/modules/reports/class-ack-report.js';
import { seedSchool, type Seeded } from '../bot/support/seed.js';
import { testContext } from '../support/context.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { closeBrowser, expectNoAxeViolations, newPage, screenshot as shot } from './support/browser.js';
import { startServer } from './support/server.js';

let db: TestDatabase;
let app: FastifyInstance;
let base: string;
let seed: Seeded;
let ctx: ReturnType<typeof testContext>;
let dataDir: string;

beforeAll(async () => {
  db = await createTestDatabase();
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'vestnik-family-e2e-'));
  ctx = testContext(db, { VESTNIK_DATA_DIR: dataDir });
  seed = await seedSchool(db.prisma);
  // This family has no messenger at all: only the email address they confirmed.
  await db.prisma.channel.deleteMany({ where: { guardianId: seed.guardians.ru, type: 'telegram' } });
  await db.prisma.channel.updateMany({ where: { guardianId: seed.guardians.ru, type: 'email' }, data: { verified: true, enabled: true } });
  await db.prisma.consentRecord.create({ data: { schoolId: seed.schoolId, guardianId: seed.guardians.ru, studentId: seed.students.ilya, decision: 'signed', documentDate: new Date('2026-09-01T00:00:00Z') } });
  ({ app, base } = await startServer(ctx));
});

afterAll(async () => {
  await closeBrowser();
  await app?.close();
  await db?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

/** The page's WCAG 2.1 A/AA check, labelled by its address. */
const expectAccessible = (page: Page) => expectNoAxeViolations(page, new URL(page.url()).pathname);

async function emailedLink(): Promise<string> {
  const dir = outboxDir(ctx.config);
  const newest = readdirSync(dir).sort().at(-1)!;
  const mail = await simpleParser(readFileSync(path.join(dir, newest)));
  return /https?:\/\/\S+\/me\/sign-in\?token=\S+/.exec(mail.text ?? '')![0].replace(/^https?:\/\/[^/]+/, base);
}

test('a parent with only an email address uses the family page on a phone, from sign-in to withdrawal', async () => {
  const page = await newPage({ width: 390 });
  await page.goto(`${base}/me`);
  await expectAccessible(page);
  await shot(page, 'family-sign-in');
  await page.fill('input[name=email]', 'parent@example.org');
  await page.click('button[type=submit]');
  await page.waitForSelector('text=на него отправлена ссылка для входа');

  await page.goto(await emailedLink());
  await page.waitForSelector('text=Петров Илья, 5А');
  await expectAccessible(page);
  await shot(page, 'family-home');

  await page.click('a:has-text("Отметки")');
  await page.waitForSelector('h1:has-text("Отметки")');
  expect(await page.textContent('main')).toContain('Алгебра');
  await expectAccessible(page);
  await shot(page, 'family-marks');

  await page.goto(`${base}/me/c/forecast`);
  await page.waitForSelector('h1:has-text("Прогноз итоговых отметок")');
  await expectAccessible(page);
  await shot(page, 'family-forecast');

  await page.goto(`${base}/me/c/final`);
  await page.waitForSelector('h1:has-text("Итоговые отметки")');
  await expectAccessible(page);
  await shot(page, 'family-final');
  await page.click('button:has-text("Ознакомлен")');
  await page.waitForSelector('text=Спасибо');
  const report = await buildAckReport(db.prisma, { schoolId: seed.schoolId, classId: seed.classId, periodId: seed.previousPeriodId });
  expect(report.rows.find((r) => r.studentId === seed.students.ilya)?.finalMarks?.acknowledgedAt).toBeTruthy();
  const ack = await db.prisma.acknowledgment.findFirstOrThrow({ where: { guardianId: seed.guardians.ru } });
  expect(ack.channelType).toBe('web');

  await page.goto(`${base}/me`);
  await page.click('a:has-text("Календарь")');
  await page.click('button:has-text("Включить календарь")');
  const feed = await page.locator('a[href*="/calendar/"]').first().getAttribute('href');
  expect(feed).toMatch(/\/calendar\/[0-9a-f]{32}\.[0-9a-f]{32}\.ics$/);
  const ics = await (await fetch(new URL(new URL(feed!).pathname, base))).text();
  expect(ics).toContain('BEGIN:VCALENDAR');
  await expectAccessible(page);
  await shot(page, 'family-calendar');

  await page.goto(`${base}/me/c/settings`);
  // Browser notifications are offered on the settings page.
  expect(await page.locator('[data-push]').count()).toBe(1);
  await expectAccessible(page);
  await shot(page, 'family-settings');

  // The same pages in English pass the same check.
  for (const url of ['/me?lang=en', '/me/c/marks?lang=en', '/me/c/forecast?lang=en', '/me/c/settings?lang=en']) {
    await page.goto(`${base}${url}`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await expectAccessible(page);
  }
  expect(await page.textContent('main')).toContain('Settings');
  await page.goto(`${base}/me`);

  // The family sees its consent and withdraws it from the page, with a confirmation.
  await page.click('a:has-text("Согласие и отзыв")');
  await page.waitForSelector('text=согласие подписано');
  await expectAccessible(page);
  await shot(page, 'family-consent');
  await page.click('a:has-text("Отозвать согласие")');
  await page.click('button:has-text("Да, отозвать согласие")');
  await page.waitForSelector('text=Согласие отозвано');
  expect((await db.prisma.guardian.findUniqueOrThrow({ where: { id: seed.guardians.ru } })).status).toBe('withdrawn');
  await page.goto(`${base}/me/c/marks`);
  await page.waitForSelector('input[name=email]');
});
