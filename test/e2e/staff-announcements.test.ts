// The announcement journey in a real browser, with the real parts running together: the
// HTTP server, the worker that sends the outbox, and the Telegram bot polling its fake over
// HTTP. A class teacher writes an announcement that asks for acknowledgment, previews and
// sends it; a parent presses Acknowledge in Telegram; the tracking page shows it and on
// which channel; the teacher reminds the rest, and the reminder reaches their chat. Every
// page is checked with axe-core at 1280 and 390 px. With UPDATE_SCREENSHOTS=1 the
// screenshots refresh docs/screenshots/staff-announcement-{compose,preview,tracking}-{1280,390}.png.
import type { RunnerHandle } from '@grammyjs/runner';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { createTelegramBot } from '../../src/channels/telegram/create-telegram-bot.js';
import { startPolling } from '../../src/channels/telegram/run-telegram.js';
import { workerComponent } from '../../src/jobs/worker-component.js';
import type { ServiceComponent } from '../../src/service/components.js';
import { createAnnouncementFixture, type AnnouncementFixture } from '../modules/announcements/announcement-fixture.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { createFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { createStaff, PASSWORD, testContext } from '../support/staff-fixture.js';
import { closeBrowser, expectNoAxeViolations, expectNoHorizontalScroll, newPage, screenshot, signIn } from './support/browser.js';
import { startServer } from './support/server.js';

const TOKEN = '515151:TEST-announce-abcdefgh';
// Ivanova's chat is the fixture's; Petrov's email bounces, so he gets a chat here too.
const IVANOVA_CHAT = 1001;
const PETROV_CHAT = 1002;
const TEXT = 'Уважаемые родители!\nВ пятницу в 18:00 — родительское собрание в кабинете 12. Пожалуйста, подтвердите, что прочитали.';

let db: TestDatabase;
let telegram: FakeTelegram;
let app: FastifyInstance;
let base: string;
let worker: ServiceComponent;
let polling: RunnerHandle;
let f: AnnouncementFixture;
let announcementId: string;

beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 16 });
  telegram = await createFakeTelegram({ token: TOKEN, botUsername: 'school_vestnik_bot' });
  const ctx = testContext(db, { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: telegram.apiRoot });
  f = await createAnnouncementFixture(db.prisma);
  await db.prisma.school.update({ where: { id: f.schoolId }, data: { chatChannels: ['telegram'] } });
  await db.prisma.channel.create({ data: { guardianId: f.guardians.petrov, type: 'telegram', address: String(PETROV_CHAT), verified: true } });
  await createStaff(ctx, { schoolId: f.schoolId, role: 'teacher', email: 'teacher@school.test', classExternalId: '5a' });
  await createStaff(ctx, { schoolId: f.schoolId, role: 'admin', email: 'admin@school.test' });
  await db.prisma.staffUser.updateMany({ where: { email: 'teacher@school.test' }, data: { fullName: 'Анна Сергеевна Крылова' } });
  ({ app, base } = await startServer(ctx));
  worker = workerComponent(ctx, { lockLifetimeMs: 2000 });
  await worker.start();
  polling = await startPolling(createTelegramBot({ config: ctx.config, prisma: db.prisma, logger: ctx.logger, secret: ctx.secret }), ctx.logger);
});

afterAll(async () => {
  await closeBrowser();
  if (polling?.isRunning()) await polling.stop();
  await worker?.stop();
  await app?.close();
  await telegram?.close();
  await db?.drop();
});

async function until<T>(probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, what: string): Promise<T> {
  for (let i = 0; i < 1500; i++) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`never happened: ${what}`);
}

async function teacherPage(width: 1280 | 390): Promise<Page> {
  const page = await newPage({ width });
  await signIn(page, base, 'teacher@school.test', PASSWORD);
  return page;
}

/** axe-core, no sideways scroll, one h1, and with the name given a screenshot. */
async function check(page: Page, label: string, width: 1280 | 390, shot?: string): Promise<void> {
  expect(await page.locator('h1').count()).toBe(1);
  await expectNoAxeViolations(page, `${label} at ${width}px`);
  await expectNoHorizontalScroll(page, `${label} at ${width}px`);
  if (shot) await screenshot(page, `staff-announcement-${shot}-${width}`);
}

test('a class teacher sends an announcement, a parent acknowledges it in Telegram, and a reminder reaches the rest', async () => {
  const page = await teacherPage(1280);
  await page.click('nav.menu a:has-text("Объявления")');
  await page.waitForURL(/\/staff\/announcements$/);
  await check(page, 'the empty announcements list', 1280);
  await page.click('text=Написать объявление');
  await page.waitForURL(/\/staff\/announcements\/new$/);
  await expect(page.locator('fieldset.audience').textContent()).resolves.toContain('Семьям вашего класса: 5А');
  await page.fill('textarea[name=text]', TEXT);
  await page.check('input[name=ackRequired]');
  await check(page, 'the compose form', 1280, 'compose');

  await page.click('button:has-text("Предпросмотр")');
  await page.waitForSelector('h1:has-text("Проверьте объявление")');
  await expect(page.locator('.reach-totals').textContent()).resolves.toContain('Семей: 2');
  await expect(page.locator('.bubble').textContent()).resolves.toContain('Анна Сергеевна Крылова, Школа №1 · Для 5А');
  await check(page, 'the preview', 1280, 'preview');

  await Promise.all([page.waitForURL(/\/staff\/announcements\/[0-9a-f-]{36}\?done=sent$/), page.click('button:has-text("Отправить")')]);
  announcementId = /\/staff\/announcements\/([0-9a-f-]{36})/.exec(page.url())![1]!;
  await page.waitForSelector('text=Объявление отправлено.');

  // The worker delivers it to both chats, the Acknowledge button on it.
  const received = await telegram.waitForMessage(IVANOVA_CHAT, (m) => m.text.includes('родительское собрание'), 20_000);
  expect(received.text).toContain('Анна Сергеевна Крылова, Школа №1');
  await telegram.waitForMessage(PETROV_CHAT, (m) => m.text.includes('родительское собрание'), 20_000);
  const button = received.reply_markup?.inline_keyboard?.flat().find((b) => b.callback_data?.startsWith('ackmsg:'));
  expect(button?.text).toBe('✅ Ознакомлен(а)');

  // The parent presses it in the messenger; the bot records it.
  telegram.pressButton(IVANOVA_CHAT, button!.callback_data!);
  const ack = await until(
    () => db.prisma.acknowledgment.findFirst({ where: { guardianId: f.guardians.ivanova, subject: 'announcement', reference: `announcement:${announcementId}` } }),
    'the acknowledgment from Telegram',
  );
  expect(ack.channelType).toBe('telegram');

  await page.goto(`${base}/staff/announcements/${announcementId}`);
  const ivanova = page.locator('table.data tr', { hasText: 'Иванова Елена' });
  await expect(ivanova.locator('td[data-label="Канал"]').textContent()).resolves.toBe('Telegram');
  await expect(ivanova.locator('td[data-label="Ознакомление"]').textContent()).resolves.toMatch(/^да, \d\d\.\d\d\.\d{4}, \d\d:\d\d \(Telegram\)$/);
  await expect(page.locator('table.data tr', { hasText: 'Петров Сергей' }).locator('td[data-label="Ознакомление"]').textContent()).resolves.toBe('нет');
  await expect(page.locator('dl.totals').textContent()).resolves.toMatch(/Подтвердили\s*1/);
  await check(page, 'the tracking page', 1280, 'tracking');

  // «Only those who have not acknowledged» leaves Petrov.
  await page.check('input[name=pending]');
  await page.click('button:has-text("Показать")');
  await page.waitForURL(/pending=1/);
  await expect(page.locator('table.data').textContent()).resolves.not.toContain('Иванова Елена');

  // The reminder goes to Petrov only, and the page says so.
  const before = telegram.sentMessages(IVANOVA_CHAT).length;
  await Promise.all([page.waitForURL(/done=reminded&count=1/), page.click('button:has-text("Напомнить не подтвердившим (1)")')]);
  await page.waitForSelector('text=Напоминание отправлено семьям: 1.');
  const reminder = await telegram.waitForMessage(PETROV_CHAT, (m) => m.text.includes('Напоминание об объявлении'), 20_000);
  expect(reminder.text).toContain('Вы ещё не подтвердили, что прочитали это объявление.');
  expect(reminder.reply_markup?.inline_keyboard?.flat().some((b) => b.callback_data?.startsWith('ackmsg:'))).toBe(true);
  expect(telegram.sentMessages(IVANOVA_CHAT).filter((m) => m.method === 'sendMessage').length).toBeLessThanOrEqual(before);
  await check(page, 'the tracking page after the reminder', 1280);

  await page.goto(`${base}/staff/announcements`);
  await expect(page.locator('table.data').textContent()).resolves.toContain('подтвердили 1');
  await check(page, 'the announcements list', 1280);

  // A mistake is shown next to its field, and the page stays accessible.
  await page.goto(`${base}/staff/announcements/new`);
  await page.check('input[name=when][value=later]');
  await page.fill('textarea[name=text]', 'Экскурсия');
  await page.click('button:has-text("Предпросмотр")');
  await page.waitForSelector('#sendAt-error');
  await expect(page.locator('#sendAt-error').textContent()).resolves.toBe('Укажите дату и время отправки.');
  await expect(page.locator('textarea[name=text]').inputValue()).resolves.toBe('Экскурсия');
  await check(page, 'the compose form with an error', 1280);
  await page.context().close();
});

test('the announcement pages read on a phone', async () => {
  const page = await teacherPage(390);
  await page.goto(`${base}/staff/announcements/new`);
  await page.fill('textarea[name=text]', 'Завтра урок физкультуры на улице: возьмите тёплую форму.');
  await check(page, 'the compose form', 390, 'compose');
  await page.click('button:has-text("Предпросмотр")');
  await page.waitForSelector('h1:has-text("Проверьте объявление")');
  await check(page, 'the preview', 390, 'preview');
  await page.goto(`${base}/staff/announcements/${announcementId}`);
  await check(page, 'the tracking page', 390, 'tracking');
  await page.goto(`${base}/staff/announcements`);
  await check(page, 'the announcements list', 390);
  await page.context().close();
});

test('an admin chooses classes and a time on a phone, in English', async () => {
  const page = await newPage({ width: 390, locale: 'en-GB' });
  await signIn(page, base, 'admin@school.test', PASSWORD);
  await page.goto(`${base}/staff/announcements/new`);
  await expect(page.locator('fieldset.grade legend').first().textContent()).resolves.toBe('Grade 5');
  await expect(page.locator('input[name=date]').isVisible()).resolves.toBe(false);
  await page.check('input[name=classIds] >> nth=0');
  await page.check('input[name=classIds] >> nth=1');
  await page.fill('textarea[name=text]', 'The school is closed today: a burst pipe.');
  await page.check('input[name=urgent]');
  await page.check('input[name=when][value=later]');
  await expect(page.locator('input[name=date]').isVisible()).resolves.toBe(true);
  await check(page, 'the admin compose form in English', 390);
  await page.click('button:has-text("Preview")');
  await page.waitForSelector('#sendAt-error');
  await expect(page.locator('#sendAt-error').textContent()).resolves.toBe('Give the date and time to send it.');
  await check(page, 'the admin compose form with an error in English', 390);
  await page.context().close();
});
