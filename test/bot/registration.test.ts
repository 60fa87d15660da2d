import type { Bot } from 'grammy';
import { createTelegramBot } from '../../src/channels/telegram/create-telegram-bot.js';
import { issueConsentCodes } from '../../src/modules/consent/issue-consent-codes.js';
import { recordConsent } from '../../src/modules/consent/record-consent.js';
import { memoryLogger, type LogEntry } from './support/bot-harness.js';
import { createFakeTelegram, inlineButtons, type FakeTelegram } from '../support/fake-telegram.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { testContext, TEST_SECRET } from '../support/context.js';
import { seedRoster, type Roster } from '../modules/consent/seed-roster.js';

let db: TestDatabase;
let roster: Roster;
let telegram: FakeTelegram;
let bot: Bot;
let polling: Promise<void>;
const logs: LogEntry[] = [];
const TOKEN = '123456:TEST-TOKEN-abcdefgh';

beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 8 });
  roster = await seedRoster(db.prisma, { students: ['Петрова Мария Александровна'] });
  telegram = await createFakeTelegram({ token: TOKEN });
  const { config } = testContext(db, { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: telegram.apiRoot });
  bot = createTelegramBot({ config, prisma: db.prisma, secret: TEST_SECRET, logger: memoryLogger(logs) });
  await new Promise<void>((resolve, reject) => {
    polling = bot.start({ onStart: () => resolve() });
    polling.catch(reject);
  });
});

afterAll(async () => {
  await bot.stop();
  await polling;
  await telegram.close();
  await db.drop();
});

afterEach(() => expect(logs.filter((entry) => entry.level >= 50)).toEqual([]));

async function issue(options: { active?: boolean } = {}) {
  return (await issueConsentCodes(db.prisma, TEST_SECRET, { schoolId: roster.schoolId, classExternalId: 'c-5a', ...options })).codes[0]!;
}

async function signedCode() {
  const code = await issue();
  const { guardianId } = await recordConsent(db.prisma, TEST_SECRET, { schoolId: roster.schoolId, code: code.code, decision: 'signed', guardianName: 'Петрова Анна' });
  return { ...code, guardianId };
}

describe('registration in the bot', () => {
  it('/start <code> shows the child, and confirming links the chat to the guardian from the form', async () => {
    const code = await signedCode();
    telegram.sendCommand(101, '/start', code.code);
    const confirm = await telegram.waitForMessage(101);
    expect(confirm.text).toContain('Школа: Школа № 17');
    expect(confirm.text).toContain('Класс: 5А');
    expect(confirm.text).toContain('Ребёнок: Мария П.');
    expect(confirm.text).not.toContain('Петрова');
    const [yes, no] = inlineButtons(confirm);
    expect(yes).toMatchObject({ text: 'Да, подключить', callback_data: `reg:ok:${code.code.replace(/-/g, '')}` });
    expect(no).toMatchObject({ text: 'Отмена', callback_data: 'reg:no' });

    telegram.pressButton(101, yes!.callback_data!);
    const done = await telegram.waitForMessage(101);
    expect(done).toMatchObject({ method: 'editMessageText' });
    expect(done.text).toMatch(/^Готово! Чат подключён: Мария П., 5А, Школа № 17/);
    const channels = await db.prisma.channel.findMany({ where: { address: '101' } });
    expect(channels).toMatchObject([{ guardianId: code.guardianId, type: 'telegram', verified: true }]);
    expect(await db.prisma.guardian.count({ where: { schoolId: roster.schoolId } })).toBe(1);
    expect(telegram.callsOf('answerCallbackQuery').length).toBeGreaterThan(0);

    telegram.sendCommand(101, '/start', code.code);
    expect((await telegram.waitForMessage(101)).text).toMatch(/уже подключён к этому чату/);
  });

  it('accepts a typed code in any case and spacing, and Cancel links nothing', async () => {
    const code = await signedCode();
    telegram.sendText(102, `  ${code.code.toLowerCase().replace(/-/g, ' ')} `);
    const confirm = await telegram.waitForMessage(102);
    expect(confirm.text).toContain('Мария П.');
    telegram.pressButton(102, 'reg:no');
    expect((await telegram.waitForMessage(102)).text).toBe('Хорошо, ничего не подключено.');
    expect(await db.prisma.channel.count({ where: { address: '102' } })).toBe(0);
  });

  it('says the school has not registered the signed form yet for an issued code', async () => {
    const code = await issue();
    telegram.sendCommand(103, '/start', code.code);
    expect((await telegram.waitForMessage(103)).text).toMatch(/^Школа ещё не зарегистрировала подписанный бланк согласия для этого кода \(Мария П., 5А\)/);
  });

  it('gives one generic answer to bad codes and limits attempts with the time to retry', async () => {
    const generic = 'Код не подошёл: он неверный, устарел или уже использован.';
    for (let i = 0; i < 5; i += 1) {
      telegram.sendText(104, `ABCD-EFGH-JKMN-P${i}`);
      expect((await telegram.waitForMessage(104)).text).toMatch(new RegExp(`^${generic}`));
    }
    const good = await signedCode();
    telegram.sendCommand(104, '/start', good.code);
    expect((await telegram.waitForMessage(104)).text).toMatch(/^Слишком много неудачных попыток. Попробуйте снова через (60|59) мин.$/);
    // Ordinary chat text is not a code: the chat is told how to register.
    telegram.sendText(104, 'Когда родительское собрание?');
    expect((await telegram.waitForMessage(104)).text).toMatch(/^Этот чат пока не подключён к школе/);
    telegram.sendCommand(104, '/start', '');
    expect((await telegram.waitForMessage(104)).text).toMatch(/^Чтобы получать сведения об успеваемости ребёнка, отправьте код/);
  });

  it('a code confirmed from two chats links only one of them (the real race is in the domain test)', async () => {
    const code = await issue({ active: true });
    for (const chat of [105, 106]) {
      telegram.sendCommand(chat, '/start', code.code);
      await telegram.waitForMessage(chat);
    }
    const data = `reg:ok:${code.code.replace(/-/g, '')}`;
    telegram.pressButton(105, data);
    telegram.pressButton(106, data);
    const answers = await Promise.all([telegram.waitForMessage(105), telegram.waitForMessage(106)]);
    const texts = answers.map((m) => m.text.slice(0, 14)).sort();
    expect(texts).toEqual(['Готово! Чат по', 'Код не подошёл']);
    expect(await db.prisma.channel.count({ where: { address: { in: ['105', '106'] } } })).toBe(1);
  });

  it('/stop asks first, then withdraws: data gone and nothing more sent', async () => {
    const code = await signedCode();
    telegram.sendCommand(107, '/start', code.code);
    await telegram.waitForMessage(107);
    telegram.pressButton(107, `reg:ok:${code.code.replace(/-/g, '')}`);
    await telegram.waitForMessage(107);

    telegram.sendCommand(107, '/stop');
    const ask = await telegram.waitForMessage(107);
    expect(ask.text).toMatch(/^Отозвать согласие на обработку персональных данных/);
    telegram.pressButton(107, 'stop:no');
    expect((await telegram.waitForMessage(107)).text).toBe('Хорошо, всё остаётся как было.');
    expect(await db.prisma.channel.count({ where: { address: '107' } })).toBe(1);

    telegram.sendCommand(107, '/stop');
    await telegram.waitForMessage(107);
    telegram.pressButton(107, 'stop:ok');
    expect((await telegram.waitForMessage(107)).text).toBe('Согласие отозвано. Мы больше ничего не будем присылать, ваши контактные данные удалены.');
    expect(await db.prisma.channel.count({ where: { address: '107' } })).toBe(0);
    expect(await db.prisma.guardian.findUnique({ where: { id: code.guardianId } })).toMatchObject({ status: 'withdrawn', fullName: null });
    expect(await db.prisma.guardianStudent.count({ where: { guardianId: code.guardianId } })).toBe(0);

    const sent = telegram.sentMessages(107).length;
    telegram.sendCommand(107, '/stop');
    expect((await telegram.waitForMessage(107)).text).toMatch(/^Этот чат ни к кому не подключён/);
    expect(telegram.sentMessages(107)).toHaveLength(sent + 1);
  });
});
