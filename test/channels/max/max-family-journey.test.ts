// The whole journey a parent makes in MAX, with the real parts running together: the API
// the e-journal posts to, the worker that plans and sends, the MAX and Telegram bots
// polling their fakes over HTTP. Scan the form's link, confirm, read every view, get a
// final mark within seconds of the API call, acknowledge it, change a setting, connect
// Telegram too, and stop.
import type { RunnerHandle } from '@grammyjs/runner';
import type { FastifyInstance } from 'fastify';
import { createMaxBot } from '../../../src/channels/max/create-max-bot.js';
import { startMaxPolling, type MaxPolling } from '../../../src/channels/max/run-max.js';
import { createTelegramBot } from '../../../src/channels/telegram/create-telegram-bot.js';
import { startPolling } from '../../../src/channels/telegram/run-telegram.js';
import { COMMANDS } from '../../../src/conversation/menu.js';
import { apiRoutes } from '../../../src/http/api/api-routes.js';
import { createHttpApp } from '../../../src/http/create-http-app.js';
import { workerComponent } from '../../../src/jobs/worker-component.js';
import { issueConsentCodes } from '../../../src/modules/consent/issue-consent-codes.js';
import { recordConsent } from '../../../src/modules/consent/record-consent.js';
import { createSchool } from '../../../src/modules/schools/create-school.js';
import type { ServiceComponent } from '../../../src/service/components.js';
import { memoryLogger, type LogEntry } from '../../bot/support/bot-harness.js';
import { ROSTER } from '../../http/api/api-fixture.js';
import { testContext, TEST_SECRET } from '../../support/context.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { createFakeMax, type FakeMax } from '../../support/fake-max/server.js';
import { createFakeTelegram, type FakeTelegram } from '../../support/fake-telegram.js';

const MAX_TOKEN = 'max-journey-token-0123456789';
const TELEGRAM_TOKEN = '424242:TEST-journey-abcdefgh';
const USER = 8801;
const TELEGRAM_CHAT = 9901;
let db: TestDatabase;
let max: FakeMax;
let telegram: FakeTelegram;
let app: FastifyInstance;
let worker: ServiceComponent;
let maxPolling: MaxPolling;
let telegramPolling: RunnerHandle;
let school: { id: string; apiKey: string };
const logs: LogEntry[] = [];

beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 16 });
  max = await createFakeMax({ token: MAX_TOKEN });
  telegram = await createFakeTelegram({ token: TELEGRAM_TOKEN, botUsername: 'vestnik_tg_bot' });
  const base = testContext(db, { MAX_BOT_TOKEN: MAX_TOKEN, MAX_API_ROOT: max.apiRoot, TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN, TELEGRAM_API_ROOT: telegram.apiRoot });
  const ctx = { ...base, logger: memoryLogger(logs) };
  app = await createHttpApp(ctx, { plugins: [apiRoutes] });
  school = await createSchool(db.prisma, TEST_SECRET, { name: 'Школа № 3', timezone: 'Europe/Moscow' });
  worker = workerComponent(ctx, { lockLifetimeMs: 2000 });
  await worker.start();
  const deps = { config: ctx.config, prisma: db.prisma, logger: ctx.logger, secret: TEST_SECRET };
  maxPolling = await startMaxPolling(createMaxBot(deps), ctx.logger, { timeoutSeconds: 1 });
  telegramPolling = await startPolling(createTelegramBot(deps), ctx.logger);
});

afterAll(async () => {
  await maxPolling.stop();
  if (telegramPolling.isRunning()) await telegramPolling.stop();
  await worker.stop();
  await app.close();
  await max.close();
  await telegram.close();
  await db.drop();
  await new Promise((resolve) => setTimeout(resolve, 1100));
});

const api = (path: string, body: unknown) =>
  app.inject({ method: 'POST', url: `/api/v1${path}`, headers: { authorization: `Bearer ${school.apiKey}`, 'content-type': 'application/json' }, payload: JSON.stringify(body) });

/** The next message to the MAX user after `after` messages. */
const next = (after: number) => max.waitForMessage(USER, after, 15_000);
const count = () => max.sentTo(USER).length;

async function until<T>(probe: () => T | undefined | Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 1500; i++) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`never happened: ${what}`);
}

test('a parent does in MAX everything they can in Telegram', async () => {
  expect((await api('/roster', ROSTER)).statusCode).toBe(200);
  // A new school offers MAX alone; this one lets families use Telegram as well.
  expect((await db.prisma.school.findUniqueOrThrow({ where: { id: school.id } })).chatChannels).toEqual(['max']);
  await db.prisma.school.update({ where: { id: school.id }, data: { chatChannels: ['max', 'telegram'] } });
  const code = (await issueConsentCodes(db.prisma, TEST_SECRET, { schoolId: school.id, classExternalId: '5a' })).codes[0]!;
  const { guardianId } = await recordConsent(db.prisma, TEST_SECRET, { schoolId: school.id, code: code.code, decision: 'signed', guardianName: 'Алексеева Ольга' });

  // 1–2. The QR code's link opens the bot with the code; the parent confirms.
  max.startBot(USER, code.code);
  const confirm = await next(0);
  expect(confirm.text).toContain('Школа: Школа № 3');
  max.pressButton(USER, `reg:ok:${code.code.replace(/-/g, '')}`);
  await until(() => max.sentTo(USER)[0]!.text.startsWith('Готово!'), 'linked');

  // 3. Every command answers, with no failure logged.
  for (const command of COMMANDS) {
    const before = count();
    max.sendText(USER, `/${command}`);
    const reply = await next(before);
    expect(reply.text).not.toMatch(/что-то пошло не так/);
  }

  // 4. A final mark posted by the e-journal reaches MAX within seconds, with Acknowledge.
  const before = count();
  const posted = Date.now();
  expect((await api('/final-marks', { finalMarks: [{ studentExternalId: ROSTER.students[0]!.externalId, subjectExternalId: 'math', periodExternalId: 'q1', status: 'final', value: '5' }] })).statusCode).toBe(200);
  const pushed = await next(before);
  console.log(`final mark: API call to MAX message in ${Date.now() - posted} ms`);
  expect(pushed.text).toContain('Математика');
  const ack = pushed.buttons.flat().find((b) => b.payload?.startsWith('ackmsg:'));
  expect(ack).toBeDefined();

  // 5. Acknowledging it is recorded as done in MAX, and the button becomes a note.
  max.pressButton(USER, ack!.payload!);
  const acknowledgment = await until(() => db.prisma.acknowledgment.findFirst({ where: { guardianId } }).then((a) => a ?? undefined), 'acknowledgment');
  expect(acknowledgment.channelType).toBe('max');
  await until(() => !max.sentTo(USER).some((m) => m.buttons.flat().some((b) => b.payload === ack!.payload)), 'button replaced');

  // 6. A setting changes from the settings screen.
  const settingsAt = count();
  max.sendText(USER, '/settings');
  await next(settingsAt);
  max.pressButton(USER, 'st:in');
  await until(() => max.sentTo(USER)[settingsAt]!.buttons.flat().some((b) => b.payload === 'st:it:marks'), 'alerts screen');
  max.pressButton(USER, 'st:it:marks');
  await until(async () => (await db.prisma.notificationPreference.findFirst({ where: { guardianId } }))?.instantMarks === true, 'marks alerts on');

  // 7. Telegram too, through a one-time link: no second code.
  max.pressButton(USER, 'st:main');
  await until(() => max.sentTo(USER)[settingsAt]!.buttons.flat().some((b) => b.payload === 'st:ms'), 'main settings');
  max.pressButton(USER, 'st:ms');
  await until(() => max.sentTo(USER)[settingsAt]!.buttons.flat().some((b) => b.payload === 'st:cl:telegram'), 'messengers screen');
  max.pressButton(USER, 'st:cl:telegram');
  const link = await until(() => max.sentTo(USER)[settingsAt]!.buttons.flat().find((b) => b.url)?.url, 'connect link');
  expect(link).toMatch(/^https:\/\/t\.me\/vestnik_tg_bot\?start=L_/);
  telegram.sendCommand(TELEGRAM_CHAT, '/start', new URL(link).searchParams.get('start')!);
  expect((await telegram.waitForMessage(TELEGRAM_CHAT)).text).toMatch(/^Готово! Этот чат подключён к тем же детям. Сообщения по-прежнему приходят в MAX/);
  telegram.sendCommand(TELEGRAM_CHAT, '/marks');
  expect((await telegram.waitForMessage(TELEGRAM_CHAT)).text).toContain('Алексеев Антон, 5А');

  // 8. /stop withdraws the consent: both chats are unlinked and erased.
  const stopAt = count();
  max.sendText(USER, '/stop');
  await next(stopAt);
  max.pressButton(USER, 'stop:ok');
  await until(() => /отозвано/.test(max.sentTo(USER)[stopAt]!.text), 'withdrawn');
  expect((await db.prisma.guardian.findUniqueOrThrow({ where: { id: guardianId } })).status).toBe('withdrawn');
  expect(await db.prisma.channel.count({ where: { guardianId, address: { not: null } } })).toBe(0);
  telegram.sendCommand(TELEGRAM_CHAT, '/marks');
  expect((await telegram.waitForMessage(TELEGRAM_CHAT)).text).toMatch(/^Этот чат пока не подключён к школе/);
  expect(logs.filter((entry) => entry.level >= 50)).toEqual([]);
}, 120_000);
