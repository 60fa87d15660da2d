// `vestnik school update --telegram-token/--max-token/--no-…-token/--replace-bot` and
// `vestnik school show`: tokens checked against fake messengers over HTTP, printed masked only.
import { runCli } from '../../src/cli/run-cli.js';
import { openToken } from '../../src/lib/seal-token.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { captureIo, TEST_SECRET } from '../support/context.js';
import { createBotFakes, type BotFakes } from '../modules/bots/bot-fakes.js';

describe('vestnik school: a bot of the school\'s own', () => {
  let db: TestDatabase;
  let fakes: BotFakes;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    db = await createTestDatabase();
    fakes = await createBotFakes();
    const shared = await fakes.addTelegram(8_000_001, 'vestnik_shared_bot');
    env = { TELEGRAM_API_ROOT: fakes.telegramRoot, MAX_API_ROOT: fakes.maxRoot, TELEGRAM_BOT_TOKEN: shared.token, VESTNIK_LANG: 'ru' };
  });
  afterAll(async () => {
    await fakes.close();
    await db.drop();
  });

  async function cli(args: string[]) {
    const { io, out, err } = captureIo(db, env);
    const code = await runCli(args, io);
    return { code, out: out.join('\n'), err: err.join('\n') };
  }
  async function newSchool(): Promise<string> {
    return (await db.prisma.school.create({ data: { name: 'Гимназия № 3', timezone: 'Europe/Moscow' } })).id;
  }

  test('registers both bots, prints them masked with their @username, and never the token', async () => {
    const schoolId = await newSchool();
    const telegram = await fakes.addTelegram(8_100_001, 'gymnasium3_bot');
    const max = await fakes.addMax(9_200_001, 'gymnasium3_max_bot');
    const saved = await cli(['school', 'update', '--school', schoolId, '--telegram-token', telegram.token, '--max-token', max.token]);
    expect(saved.err).toBe('');
    expect(saved.code).toBe(0);
    expect(saved.out).toContain(`Telegram: бот @gymnasium3_bot зарегистрирован для школы, токен ••••${telegram.token.slice(-4)}.`);
    expect(saved.out).toContain(`MAX: бот @gymnasium3_max_bot зарегистрирован для школы, токен ••••${max.token.slice(-4)}.`);
    expect(saved.out).not.toContain(telegram.token);
    expect(saved.out).not.toContain(max.token);
    const rows = await db.prisma.bot.findMany({ where: { schoolId }, orderBy: { type: 'asc' } });
    expect(rows.map((r) => r.username).sort()).toEqual(['gymnasium3_bot', 'gymnasium3_max_bot']);
    for (const row of rows) expect(row.tokenSealed).not.toContain(row.type === 'max' ? max.token : telegram.token);
    expect(openToken(TEST_SECRET, rows.find((r) => r.type === 'telegram')!.tokenSealed!)).toBe(telegram.token);

    const shown = await cli(['school', 'show', '--school', schoolId]);
    expect(shown.code).toBe(0);
    expect(shown.out).toContain('Школа Гимназия № 3');
    expect(shown.out).toContain(`Telegram: свой бот школы @gymnasium3_bot, токен ••••${telegram.token.slice(-4)}, подключено чатов: 0`);
    expect(shown.out).not.toContain(telegram.token);
    const json = JSON.parse((await cli(['school', 'show', '--school', schoolId, '--json'])).out) as { bots: Array<{ type: string; own: boolean; tokenMasked: string }> };
    expect(json.bots.map((b) => [b.type, b.own])).toEqual(expect.arrayContaining([['telegram', true], ['max', true]]));
    expect(JSON.stringify(json)).not.toContain(telegram.token);
  });

  test('a token the fake refuses is refused in words and nothing is saved; the shared bot cannot be registered', async () => {
    const schoolId = await newSchool();
    const refused = await cli(['school', 'update', '--school', schoolId, '--telegram-token', '8100999:AAHnobody-has-this-one']);
    expect(refused.code).not.toBe(0);
    expect(refused.err).toContain('Telegram не принял этот токен');
    expect(refused.err).not.toContain('8100999:AAHnobody-has-this-one');
    const malformed = await cli(['school', 'update', '--school', schoolId, '--max-token', 'short']);
    expect(malformed.err).toContain('Это не похоже на токен бота MAX');
    const shared = await cli(['school', 'update', '--school', schoolId, '--telegram-token', env.TELEGRAM_BOT_TOKEN!]);
    expect(shared.err).toContain('Это общий бот Вестника');
    expect(await db.prisma.bot.count({ where: { schoolId } })).toBe(0);
    const shown = await cli(['school', 'show', '--school', schoolId]);
    expect(shown.out).toContain('Telegram: общий бот Вестника, подключено чатов: 0');
  });

  test('replacing a bot with linked chats needs --replace-bot; removal with --no-max-token likewise', async () => {
    const schoolId = await newSchool();
    const first = await fakes.addMax(9_200_002, 'first_max_bot');
    expect((await cli(['school', 'update', '--school', schoolId, '--max-token', first.token])).code).toBe(0);
    const bot = await db.prisma.bot.findFirstOrThrow({ where: { schoolId, type: 'max' } });
    const guardian = await db.prisma.guardian.create({ data: { schoolId, fullName: 'Родитель' } });
    await db.prisma.channel.create({ data: { guardianId: guardian.id, type: 'max', address: '777', verified: true, botId: bot.id } });

    const second = await fakes.addMax(9_200_003, 'second_max_bot');
    const refused = await cli(['school', 'update', '--school', schoolId, '--max-token', second.token]);
    expect(refused.code).not.toBe(0);
    expect(refused.err).toContain('Через нынешнего бота MAX подключён 1 чат родителей');
    expect(refused.err).toContain('--replace-bot');
    const replaced = await cli(['school', 'update', '--school', schoolId, '--max-token', second.token, '--replace-bot']);
    expect(replaced.out).toContain('MAX: бот школы заменён на @second_max_bot');
    expect(replaced.out).toContain('отключено чатов родителей: 1');
    expect(await db.prisma.channel.findFirstOrThrow({ where: { guardianId: guardian.id } })).toMatchObject({ active: false, inactiveReason: 'bot_replaced' });

    const removed = await cli(['school', 'update', '--school', schoolId, '--no-max-token', '--json']);
    expect(removed.code).toBe(0);
    expect(JSON.parse(removed.out)).toMatchObject({ bots: [{ action: 'removed', type: 'max', username: 'second_max_bot', chatsUnlinked: 0 }] });
    expect(await db.prisma.bot.count({ where: { schoolId } })).toBe(0);
    const again = await cli(['school', 'update', '--school', schoolId, '--no-max-token']);
    expect(again.err).toContain('У школы нет своего бота MAX');
    const audit = await db.prisma.auditLog.findMany({ where: { schoolId, action: { startsWith: 'school.bot.' } }, orderBy: { createdAt: 'asc' } });
    expect(audit.map((a) => [a.action, a.actorType])).toEqual([['school.bot.register', 'cli'], ['school.bot.replace', 'cli'], ['school.bot.remove', 'cli']]);
  });
});
