// Long polling shared by `bot` processes: the default Telegram and MAX bots and the schools'
// own, polled by two (then other) member processes through fronts of their own to the same
// fake messengers, so every getUpdates is known to come from one member. Each bot is polled
// by one member at a time and answers its own chats; a bot registered while they run is
// polled without a restart and a removed one is dropped; a stopped member hands its bots
// over, a killed one loses them within the lease, and an update given again after a
// hand-over is not answered twice.
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBotRegistry } from '../../src/app/create-bot-registry.js';
import { registerBot } from '../../src/modules/bots/register-bot.js';
import { removeBot } from '../../src/modules/bots/remove-bot.js';
import type { BotRegistry } from '../../src/modules/bots/types.js';
import { createBotFakes, type BotFakes, type BotFronts, type PollSpan } from '../modules/bots/bot-fakes.js';
import { testContext, TEST_SECRET } from '../support/context.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { killWorkers, spawnWorker } from '../support/spawn-worker.js';
import type { FakeTelegram } from '../support/fake-telegram.js';
import type { FakeMax } from '../support/fake-max/server.js';
import type { MaxUpdate } from '../support/fake-max/types.js';

const MEMBER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'support', 'poller-member.ts');
const LEASE_MS = 10_000; // the poll leases' default
// Member processes start from the sources and wait out a lease: longer than the default.
const SLOW = 120_000;

interface Member {
  name: string;
  child: ChildProcess;
  exited: Promise<number | null>;
}
type TestBot = { name: string; token: string } & ({ kind: 'telegram'; fake: FakeTelegram } | { kind: 'max'; fake: FakeMax });

let db: TestDatabase;
let fakes: BotFakes;
let registry: BotRegistry;
let defaults: { telegram: string; max: string };
const bots: TestBot[] = [];
const members: Member[] = [];
let chat = 500_000;
/** The bot removed while the members ran, and how often it had been polled then. */
let removed: { token: string; polls: number } | undefined;
let school2: string;

async function until<T>(check: () => T | undefined | false, what: string, timeoutMs = 60_000): Promise<T> {
  for (const start = Date.now(); ; ) {
    const value = check();
    if (value) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function startMember(name: string): Promise<Member> {
  const front: BotFronts = await fakes.front(name);
  const { child, done: exited } = spawnWorker(MEMBER, {
    DATABASE_URL: db.url,
    VESTNIK_SECRET: TEST_SECRET,
    TELEGRAM_BOT_TOKEN: defaults.telegram,
    MAX_BOT_TOKEN: defaults.max,
    TELEGRAM_API_ROOT: front.telegramRoot,
    MAX_API_ROOT: front.maxRoot,
    LOG_LEVEL: 'error',
  });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const member = { name, child, exited };
  members.push(member);
  await until(() => out.includes('started') || child.exitCode !== null, `${name} to start`);
  expect(child.exitCode).toBeNull();
  return member;
}

const spansOf = (token: string): PollSpan[] => fakes.polls.filter((p) => p.token === token && p.front !== 'main');
/** The member polling the bot now: the front of its newest long poll still open. */
const pollerOf = (bot: TestBot): string | undefined => {
  const last = spansOf(bot.token).at(-1);
  return last && last.end === undefined ? last.front : undefined;
};

/** Per bot, two long polls at once: a second poller, or one poll not ended before the next began. */
function overlaps(): string[] {
  return bots.flatMap((bot) => {
    const spans = [...spansOf(bot.token)].sort((a, b) => a.start - b.start);
    return spans.slice(1).flatMap((span, i) => {
      const before = spans[i]!;
      return before.end === undefined || before.end > span.start ? [`${bot.name}: ${before.front}@${before.start}-${before.end ?? 'open'} and ${span.front}@${span.start}`] : [];
    });
  });
}

function conflicts(): number {
  return bots.reduce((n, bot) => n + (bot.kind === 'telegram' ? bot.fake.callsOf('getUpdates').filter((c) => c.response && !c.response.ok).length : 0), 0);
}

/** A parent writes to the bot; resolves with how many messages the bot has sent the parent since. */
async function ask(bot: TestBot): Promise<number> {
  chat += 1;
  const id = chat;
  if (bot.kind === 'telegram') {
    bot.fake.sendCommand(id, '/start');
    await bot.fake.waitForMessage(id, undefined, 30_000);
    return bot.fake.sentMessages(id).length;
  }
  bot.fake.startBot(id);
  await bot.fake.waitForMessage(id, 0, 30_000);
  return bot.fake.sentTo(id).length;
}

beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 4 });
  fakes = await createBotFakes();
  const telegram = await fakes.addTelegram(8_000_001, 'vestnik_shared_bot');
  const max = await fakes.addMax(9_000_001, 'vestnik_shared_max_bot');
  defaults = { telegram: telegram.token, max: max.token };
  bots.push({ name: 'default telegram', kind: 'telegram', ...telegram }, { name: 'default max', kind: 'max', ...max });
  registry = createBotRegistry(testContext(db, { TELEGRAM_API_ROOT: fakes.telegramRoot, MAX_API_ROOT: fakes.maxRoot, TELEGRAM_BOT_TOKEN: defaults.telegram, MAX_BOT_TOKEN: defaults.max }));
  const [a, b] = await Promise.all(['Школа № 1', 'Школа № 2'].map(async (name) => (await db.prisma.school.create({ data: { name, timezone: 'Europe/Moscow' } })).id));
  const own = [
    { name: 'school 1 telegram', kind: 'telegram' as const, ...(await fakes.addTelegram(8_100_001, 'school1_bot')), schoolId: a! },
    { name: 'school 1 max', kind: 'max' as const, ...(await fakes.addMax(9_100_001, 'school1_max_bot')), schoolId: a! },
    { name: 'school 2 telegram', kind: 'telegram' as const, ...(await fakes.addTelegram(8_200_001, 'school2_bot')), schoolId: b! },
  ];
  school2 = b!;
  for (const bot of own) {
    await registerBot(registry, { schoolId: bot.schoolId, type: bot.kind, token: bot.token, actor: { type: 'cli' } });
    bots.push(bot as TestBot);
  }
}, SLOW);
afterAll(async () => {
  await killWorkers();
  await fakes.close();
  await db.drop();
});

test('two members share five bots: each bot is polled by one member at a time, and each answers its own chats', async () => {
  await Promise.all([startMember('m0'), startMember('m1')]);
  // One member may start a moment before the other and hand some bots over: wait for the share.
  const holders = await until(() => {
    const now = bots.map(pollerOf);
    return now.every(Boolean) && new Set(now).size === 2 && now;
  }, 'both members to poll some of the bots');
  process.stdout.write(`pollers: ${bots.map((b, i) => `${b.name} → ${holders[i]}`).join(', ')}\n`);
  for (const bot of bots) expect(await ask(bot)).toBe(1);
  expect(overlaps()).toEqual([]);
  expect(conflicts()).toBe(0);
}, SLOW);

test('a bot registered while the members run is polled without a restart, a removed one is dropped, a new token is taken up', async () => {
  const schoolId = (await db.prisma.school.create({ data: { name: 'Школа № 3', timezone: 'Europe/Moscow' } })).id;
  const added = await fakes.addTelegram(8_300_001, 'school3_bot');
  const saved = await registerBot(registry, { schoolId, type: 'telegram', token: added.token, actor: { type: 'cli' } });
  const bot: TestBot = { name: 'school 3 telegram', kind: 'telegram', ...added };
  bots.push(bot);
  await until(() => pollerOf(bot), 'the new bot to be polled', 30_000);
  expect(await ask(bot)).toBe(1);

  await removeBot(registry, { schoolId, type: 'telegram', actor: { type: 'cli' } });
  bots.pop();
  // Its poller stops and its lease is let go at once; the members never list it again (checked after the next test).
  await until(() => spansOf(bot.token).at(-1)?.end !== undefined, 'the removed bot’s long poll to end', 30_000);
  const live = async () => (await db.pool.query<{ live: boolean }>(`SELECT "expiresAt" > now() AS live FROM sender_leases WHERE name = $1`, [`poll:${saved.botId}`])).rows[0]?.live;
  for (let i = 0; (await live()) && i < 200; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(await live()).toBe(false);
  removed = { token: bot.token, polls: spansOf(bot.token).length };

  // The same bot with a new token (the old one revoked): polled with the new one from the next heartbeat.
  const index = bots.findIndex((b) => b.name === 'school 2 telegram');
  const old = bots[index]!;
  const renewed = await fakes.addTelegram(8_200_001, 'school2_bot');
  // Telegram numbers a bot's updates on across a new token: the new fake goes on from the old one's last id
  // (with an update of a kind the bot does not ask for, so it is never delivered).
  const lastId = Math.max(0, ...(old.fake as FakeTelegram).callsOf('getUpdates').flatMap((c) => (c.response?.ok ? (c.response.result as Array<{ update_id: number }>).map((u) => u.update_id) : [])));
  renewed.fake.pushUpdate({ update_id: lastId, chat_member: {} });
  expect((await registerBot(registry, { schoolId: school2, type: 'telegram', token: renewed.token, actor: { type: 'cli' } })).outcome).toBe('token_changed');
  bots[index] = { name: old.name, kind: 'telegram', ...renewed };
  await until(() => pollerOf(bots[index]!), 'the new token to be polled', 30_000);
  await until(() => spansOf(old.token).at(-1)?.end !== undefined, 'the old token’s long poll to end', 30_000);
  expect(await ask(bots[index]!)).toBe(1);
}, SLOW);

test('a stopped member hands its bots over, a killed one loses them within the lease, and no update is answered twice', async () => {
  const [m0, m1] = members;
  const ofM1 = bots.filter((b) => pollerOf(b) === 'm1');
  expect(ofM1.length).toBeGreaterThan(0);
  // What m1 handled last, given again after it stopped: Telegram does so with a batch a
  // poller fetched and never confirmed, MAX with the batch before a marker it never sent.
  const repeats = ofM1.map((bot) => {
    chat += 1;
    return { bot, chat, update: bot.kind === 'telegram' ? bot.fake.sendCommand(chat, '/start') : bot.fake.startBot(chat) };
  });
  for (const r of repeats) {
    if (r.bot.kind === 'telegram') await r.bot.fake.waitForMessage(r.chat, undefined, 30_000);
    else await r.bot.fake.waitForMessage(r.chat, 0, 30_000);
  }

  m1!.child.kill('SIGTERM');
  expect(await m1!.exited).toBe(0);
  const stoppedAt = Date.now();
  await until(() => bots.every((b) => pollerOf(b) === 'm0'), 'm0 to poll every bot', 30_000);
  process.stdout.write(`stop: m1's ${ofM1.length} bots polled by m0 ${Date.now() - stoppedAt} ms after it exited\n`);
  for (const r of repeats) {
    if (r.bot.kind === 'telegram') r.bot.fake.pushUpdate(r.update as unknown as Record<string, unknown>);
    else r.bot.fake.push((r.update as MaxUpdate).update_type, { ...r.update });
  }
  for (const bot of bots) expect(await ask(bot)).toBe(1);
  for (const r of repeats) expect(r.bot.kind === 'telegram' ? r.bot.fake.sentMessages(r.chat).length : r.bot.fake.sentTo(r.chat).length).toBe(1);

  await startMember('m2');
  await until(() => bots.some((b) => pollerOf(b) === 'm2'), 'm0 to hand bots to m2', 30_000);
  m0!.child.kill('SIGKILL');
  await m0!.exited;
  const killedAt = Date.now();
  await until(() => bots.every((b) => pollerOf(b) === 'm2'), 'm2 to poll every bot', LEASE_MS * 4);
  const moved = Date.now() - killedAt;
  process.stdout.write(`kill -9: every bot polled by m2 ${moved} ms after the kill (lease ${LEASE_MS} ms)\n`);
  for (const bot of bots) expect(await ask(bot)).toBe(1);
  expect(overlaps()).toEqual([]);
  expect(conflicts()).toBe(0);

  // Through both hand-overs, nobody took up the removed bot again.
  expect(removed && spansOf(removed.token).length).toBe(removed?.polls);

  members[2]!.child.kill('SIGTERM');
  expect(await members[2]!.exited).toBe(0);
  const { rows } = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM sender_leases WHERE name LIKE 'poll:%' AND "expiresAt" > now() AND holder LIKE 'bot-${members[2]!.child.pid}:%'`);
  expect(rows[0]!.n).toBe(0);
}, SLOW);
