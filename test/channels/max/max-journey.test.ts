// A parent in MAX, end to end over real HTTP against the fake MAX Bot API: the form's deep
// link (bot_started with the code), confirmation, a view, settings, the bot stopped and
// started again, and /stop.
import { startMaxPolling, type MaxPolling } from '../../../src/channels/max/run-max.js';
import { createMaxBot } from '../../../src/channels/max/create-max-bot.js';
import { issueConsentCodes } from '../../../src/modules/consent/issue-consent-codes.js';
import { recordConsent } from '../../../src/modules/consent/record-consent.js';
import { memoryLogger, type LogEntry } from '../../bot/support/bot-harness.js';
import { seedRoster, type Roster } from '../../modules/consent/seed-roster.js';
import { testContext, TEST_SECRET } from '../../support/context.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { createFakeMax, type FakeMax } from '../../support/fake-max/server.js';

const TOKEN = 'max-test-token-0123456789';
let db: TestDatabase;
let max: FakeMax;
let roster: Roster;
let polling: MaxPolling;
const logs: LogEntry[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  roster = await seedRoster(db.prisma, { students: ['Петрова Мария Александровна'] });
  max = await createFakeMax({ token: TOKEN });
  const { config } = testContext(db, { MAX_BOT_TOKEN: TOKEN, MAX_API_ROOT: max.apiRoot });
  const bot = createMaxBot({ config, prisma: db.prisma, logger: memoryLogger(logs), secret: TEST_SECRET });
  polling = await startMaxPolling(bot, memoryLogger(logs), { timeoutSeconds: 1 });
});

afterAll(async () => {
  await polling.stop();
  await max.close();
  await db.drop();
});

afterEach(() => expect(logs.filter((entry) => entry.level >= 50)).toEqual([]));

async function signedCode(): Promise<{ code: string; guardianId: string }> {
  const code = (await issueConsentCodes(db.prisma, TEST_SECRET, { schoolId: roster.schoolId, classExternalId: 'c-5a' })).codes[0]!;
  const { guardianId } = await recordConsent(db.prisma, TEST_SECRET, { schoolId: roster.schoolId, code: code.code, decision: 'signed', guardianName: 'Петрова Анна' });
  return { code: code.code, guardianId: guardianId! };
}

/** The text of message #index to the user once it satisfies the predicate (edits change it in place). */
async function textOf(userId: number, index: number, predicate: (text: string) => boolean = () => true): Promise<string> {
  await max.waitForMessage(userId, index);
  for (let i = 0; i < 500; i++) {
    const text = max.sentTo(userId)[index]!.text;
    if (predicate(text)) return text;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`message #${index} to ${userId} never matched: ${max.sentTo(userId)[index]!.text}`);
}

const payloads = (userId: number, index: number) => max.sentTo(userId)[index]!.buttons.flat().map((b) => b.payload);

test('the deep link from the form registers the parent in MAX, and the views, settings and /stop work there', async () => {
  const { code, guardianId } = await signedCode();
  const user = 501;
  max.startBot(user, code);
  expect(await textOf(user, 0)).toContain('Ребёнок: Мария П.');
  expect(max.sentTo(user)[0]!.format).toBe('html');
  max.pressButton(user, `reg:ok:${code.replace(/-/g, '')}`);
  expect(await textOf(user, 0, (t) => t.startsWith('Готово!'))).toMatch(/^Готово! Чат подключён: Мария П., 5А, Школа № 17/);
  expect(await db.prisma.channel.findMany({ where: { address: String(user) } })).toMatchObject([{ guardianId, type: 'max', verified: true, active: true }]);

  max.sendText(user, '/marks');
  expect(await textOf(user, 1)).toContain('<b>Отметки</b>');
  // The view is recorded alongside the reply, so it may land a moment after the message.
  await waitFor(async () => (await db.prisma.viewEvent.count({ where: { guardianId, view: 'marks', channelType: 'max' } })) === 1);

  max.sendText(user, '/settings');
  expect(await textOf(user, 2)).toContain('<b>Настройки</b>');
  max.pressButton(user, 'st:lg');
  expect(await textOf(user, 2, (t) => t.includes('Язык сообщений'))).toContain('Язык сообщений');
  expect(payloads(user, 2)).toEqual(expect.arrayContaining(['st:ls:ru', 'st:ls:en']));
  max.pressButton(user, 'st:ls:en');
  expect(await textOf(user, 2, (t) => t.includes('<b>Settings</b>'))).toContain('<b>Settings</b>');
  expect((await db.prisma.guardian.findUniqueOrThrow({ where: { id: guardianId } })).locale).toBe('en');

  // Stopping the bot makes the chat inactive (messages fall back); starting it again restores it.
  max.stopBot(user);
  await waitFor(async () => (await db.prisma.channel.findFirstOrThrow({ where: { address: String(user), type: 'max' } })).active === false);
  max.startBot(user);
  expect(await textOf(user, 3)).toBe('What would you like to see?\n\nПетрова Мария Александровна, 5А');
  expect((await db.prisma.channel.findFirstOrThrow({ where: { address: String(user), type: 'max' } })).active).toBe(true);

  max.mute(user, Date.now() + 3_600_000);
  await waitFor(async () => (await db.prisma.channel.findFirstOrThrow({ where: { address: String(user), type: 'max' } })).muted);

  max.sendText(user, '/stop');
  await textOf(user, 4);
  expect(payloads(user, 4)).toEqual(['stop:ok', 'stop:no']);
  max.pressButton(user, 'stop:ok');
  await textOf(user, 4, (t) => /withdrawn|отозвано/.test(t));
  expect((await db.prisma.guardian.findUniqueOrThrow({ where: { id: guardianId } })).status).toBe('withdrawn');
});

test('a school that offers only Telegram tells a MAX parent where to register', async () => {
  const { code } = await signedCode();
  await db.prisma.school.update({ where: { id: roster.schoolId }, data: { chatChannels: ['telegram'] } });
  try {
    max.startBot(502, code);
    expect(await textOf(502, 0)).toMatch(/^Ваша школа \(Школа № 17\) подключает родителей через Telegram/);
    expect(await db.prisma.channel.count({ where: { address: '502' } })).toBe(0);
  } finally {
    await db.prisma.school.update({ where: { id: roster.schoolId }, data: { chatChannels: ['telegram', 'max'] } });
  }
});

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('condition never held');
}
