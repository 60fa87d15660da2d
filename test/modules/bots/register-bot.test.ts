// A school registers, replaces and removes its own bots; each token is checked with the
// messenger (fake servers over HTTP), sealed, and bound to one school only.
import { createBotProbe } from '../../../src/channels/probe-bot.js';
import { openToken } from '../../../src/lib/seal-token.js';
import { DEFAULT_BOT_IDS } from '../../../src/modules/bots/default-bots.js';
import { listRunnableBots } from '../../../src/modules/bots/list-runnable-bots.js';
import { listSchoolBots } from '../../../src/modules/bots/list-school-bots.js';
import { registerBot } from '../../../src/modules/bots/register-bot.js';
import { removeBot } from '../../../src/modules/bots/remove-bot.js';
import type { BotRef, BotRegistry } from '../../../src/modules/bots/types.js';
import { seedChats } from '../delivery/seed-chats.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { TEST_SECRET } from '../../support/context.js';
import { createBotFakes, type BotFakes } from './bot-fakes.js';

const cli = { type: 'cli' as const };

describe('registering a school bot', () => {
  let db: TestDatabase;
  let fakes: BotFakes;
  let registry: BotRegistry;
  let defaultToken: string;

  async function newSchool(): Promise<string> {
    return (await db.prisma.school.create({ data: { name: 'Школа', timezone: 'Europe/Moscow' } })).id;
  }
  async function reason(promise: Promise<unknown>): Promise<unknown> {
    return promise.then(
      () => 'saved',
      (error: { code?: string; details?: { reason?: string; count?: number } }) => ({ code: error.code, reason: error.details?.reason, count: error.details?.count }),
    );
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    fakes = await createBotFakes();
    defaultToken = (await fakes.addTelegram(7_000_001, 'vestnik_shared_bot')).token;
    const probe = createBotProbe({
      telegram: { apiRoot: fakes.telegramRoot } as never,
      max: { apiRoot: fakes.maxRoot } as never,
    });
    registry = { prisma: db.prisma, pool: db.pool, secret: TEST_SECRET, probe, defaultTokens: { telegram: defaultToken, max: undefined } };
  });
  afterAll(async () => {
    await fakes.close();
    await db.drop();
  });

  test('a token the messenger accepts is saved sealed, shown masked, runnable, and announced to the hook', async () => {
    const schoolId = await newSchool();
    const { token } = await fakes.addTelegram(7_100_001, 'school_one_bot');
    const announced: BotRef[] = [];
    const saved = await registerBot(registry, { schoolId, type: 'telegram', token, actor: cli, onRegistered: async (bot) => void announced.push(bot) });
    expect(saved).toMatchObject({ outcome: 'registered', own: true, username: 'school_one_bot', tokenMasked: `••••${token.slice(-4)}`, chatsUnlinked: 0 });
    const row = await db.prisma.bot.findUniqueOrThrow({ where: { id: saved.botId! } });
    expect(row).toMatchObject({ schoolId, type: 'telegram', externalId: '7100001', username: 'school_one_bot', tokenHint: token.slice(-4) });
    expect(row.tokenSealed).not.toContain(token);
    expect(row.tokenSealed).not.toContain(token.split(':')[1]);
    expect(openToken(TEST_SECRET, row.tokenSealed!)).toBe(token);
    expect(announced).toEqual([expect.objectContaining({ id: row.id, schoolId, token, externalId: '7100001' })]);
    const runnable = await listRunnableBots(db.pool, TEST_SECRET, { telegram: defaultToken, max: undefined }, 'telegram');
    expect(runnable.find((b) => b.id === row.id)?.token).toBe(token);
    const listed = await listSchoolBots(db.prisma, schoolId);
    expect(listed.find((b) => b.type === 'max')).toMatchObject({ own: false, botId: DEFAULT_BOT_IDS.max, tokenMasked: null });
    expect(listed.find((b) => b.type === 'telegram')).toMatchObject({ own: true, username: 'school_one_bot', tokenMasked: `••••${token.slice(-4)}`, chats: 0 });
    expect(JSON.stringify(listed)).not.toContain(token);
    const audit = await db.prisma.auditLog.findMany({ where: { schoolId, action: { startsWith: 'school.bot.' } } });
    expect(audit.map((a) => a.action)).toEqual(['school.bot.register']);
    expect(JSON.stringify(audit.map((a) => a.details))).not.toContain(token);
  });

  test('refused: a malformed token, one the messenger does not accept, the default bot, another school\'s bot; nothing is saved', async () => {
    const schoolA = await newSchool();
    const schoolB = await newSchool();
    const { token } = await fakes.addTelegram(7_100_002, 'school_a_bot');
    await registerBot(registry, { schoolId: schoolA, type: 'telegram', token, actor: cli });
    const before = await db.prisma.bot.count();
    expect(await reason(registerBot(registry, { schoolId: schoolB, type: 'telegram', token: 'not a token', actor: cli }))).toEqual({ code: 'INVALID_INPUT', reason: 'format', count: undefined });
    expect(await reason(registerBot(registry, { schoolId: schoolB, type: 'telegram', token: '7100999:AAHunknown-token-xx', actor: cli }))).toEqual({ code: 'INVALID_INPUT', reason: 'refused', count: undefined });
    expect(await reason(registerBot(registry, { schoolId: schoolB, type: 'telegram', token: defaultToken, actor: cli }))).toEqual({ code: 'INVALID_INPUT', reason: 'defaultBot', count: undefined });
    expect(await reason(registerBot(registry, { schoolId: schoolB, type: 'telegram', token, actor: cli }))).toEqual({ code: 'CONFLICT', reason: 'otherSchool', count: undefined });
    expect(await reason(registerBot(registry, { schoolId: schoolB, type: 'max', token: 'max-token-nobody-has-it', actor: cli }))).toEqual({ code: 'INVALID_INPUT', reason: 'refused', count: undefined });
    expect(await db.prisma.bot.count()).toBe(before);
    expect(await db.prisma.bot.count({ where: { schoolId: schoolB } })).toBe(0);
  });

  test('the default bot is recognised by its id on the messenger even under another token', async () => {
    const schoolId = await newSchool();
    const probe: BotRegistry['probe'] = async (type, token) => (token === 'max-second-token-of-default' ? { externalId: '9000001', username: 'vestnik' } : registry.probe(type, token));
    const { token: maxDefault } = await fakes.addMax(9_000_001, 'vestnik');
    const withMax = { ...registry, probe, defaultTokens: { telegram: defaultToken, max: maxDefault } };
    expect(await reason(registerBot(withMax, { schoolId, type: 'max', token: 'max-second-token-of-default', actor: cli }))).toEqual({ code: 'INVALID_INPUT', reason: 'defaultBot', count: undefined });
    const { token: own } = await fakes.addMax(9_100_001, 'school_max_bot');
    expect(await registerBot(withMax, { schoolId, type: 'max', token: own, actor: cli })).toMatchObject({ outcome: 'registered', username: 'school_max_bot' });
  });

  test('a new token of the same bot keeps its chats; a different bot needs replace, unlinks the chats and their messages fall back', async () => {
    const schoolId = await seedChats(db.pool, 3, 55_000, 'mark', true);
    const first = await fakes.addTelegram(7_100_003, 'first_bot');
    // The families linked through the default bot: the school's own bot takes them over only on request.
    expect(await reason(registerBot(registry, { schoolId, type: 'telegram', token: first.token, actor: cli }))).toEqual({ code: 'CONFLICT', reason: 'chatsLinked', count: 3 });
    const taken = await registerBot(registry, { schoolId, type: 'telegram', token: first.token, replace: true, actor: cli });
    expect(taken).toMatchObject({ outcome: 'registered', chatsUnlinked: 3 });
    const unlinked = await db.prisma.channel.findMany({ where: { guardian: { schoolId }, type: 'telegram' } });
    expect(unlinked.map((c) => [c.active, c.inactiveReason, c.botId])).toEqual(Array(3).fill([false, 'bot_replaced', DEFAULT_BOT_IDS.telegram]));
    const outbox = await db.prisma.outboxMessage.findMany({ where: { schoolId, channelType: 'telegram' } });
    expect(outbox.map((m) => m.status)).toEqual(['fell_back', 'fell_back', 'fell_back']);

    // Families connect through the school's bot.
    await db.prisma.channel.updateMany({ where: { guardian: { schoolId }, type: 'telegram' }, data: { active: true, inactiveReason: null, botId: taken.botId } });
    // The same bot under a new token (the old one revoked in @BotFather).
    const sameBot = await fakes.addTelegram(7_100_003, 'first_bot');
    const renewed = await registerBot(registry, { schoolId, type: 'telegram', token: sameBot.token, actor: cli });
    expect(renewed).toMatchObject({ outcome: 'token_changed', botId: taken.botId, chats: 3, chatsUnlinked: 0 });

    const second = await fakes.addTelegram(7_100_004, 'second_bot');
    expect(await reason(registerBot(registry, { schoolId, type: 'telegram', token: second.token, actor: cli }))).toEqual({ code: 'CONFLICT', reason: 'chatsLinked', count: 3 });
    expect(await db.prisma.bot.findUnique({ where: { id: taken.botId! } })).not.toBeNull();
    const replaced = await registerBot(registry, { schoolId, type: 'telegram', token: second.token, replace: true, actor: cli });
    expect(replaced).toMatchObject({ outcome: 'replaced', username: 'second_bot', chatsUnlinked: 3 });
    expect(await db.prisma.bot.findUnique({ where: { id: taken.botId! } })).toBeNull();
    const after = await db.prisma.channel.findMany({ where: { guardian: { schoolId }, type: 'telegram' } });
    expect(after.map((c) => [c.active, c.inactiveReason, c.botId])).toEqual(Array(3).fill([false, 'bot_replaced', null]));
    const actions = await db.prisma.auditLog.findMany({ where: { schoolId, action: { startsWith: 'school.bot.' } }, orderBy: { createdAt: 'asc' } });
    expect(actions.map((a) => a.action)).toEqual(['school.bot.register', 'school.bot.token_change', 'school.bot.replace']);
  });

  test('removing a bot: refused while chats are linked, unless asked; the school is served by the default bot again', async () => {
    const schoolId = await newSchool();
    const { token } = await fakes.addMax(9_100_002, 'removable_bot');
    const bot = await registerBot(registry, { schoolId, type: 'max', token, actor: cli });
    const guardian = await db.prisma.guardian.create({ data: { schoolId, fullName: 'Родитель' } });
    await db.prisma.channel.create({ data: { guardianId: guardian.id, type: 'max', address: '501', verified: true, botId: bot.botId } });
    expect(await reason(removeBot(registry, { schoolId, type: 'max', actor: cli }))).toEqual({ code: 'CONFLICT', reason: 'chatsLinked', count: 1 });
    expect(await removeBot(registry, { schoolId, type: 'max', unlinkChats: true, actor: cli })).toEqual({ type: 'max', username: 'removable_bot', chatsUnlinked: 1 });
    expect(await reason(removeBot(registry, { schoolId, type: 'max', actor: cli }))).toEqual({ code: 'NOT_FOUND', reason: 'noBot', count: undefined });
    expect((await listSchoolBots(db.prisma, schoolId)).find((b) => b.type === 'max')).toMatchObject({ own: false, botId: DEFAULT_BOT_IDS.max });
    expect(await db.prisma.channel.findFirstOrThrow({ where: { guardianId: guardian.id } })).toMatchObject({ active: false, inactiveReason: 'bot_replaced', botId: null });
  });
});
