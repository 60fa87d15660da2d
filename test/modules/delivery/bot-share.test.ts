// Several bots, several worker processes: four schools with their own Telegram bot and one
// served by the default bot. Each worker talks to a fake Bot API of its own, so every
// request is known to come from one worker; the chat ids tell the bots apart. Every message
// goes out exactly once (at most the in-flight ones again after kill -9), the bots are
// spread over the workers, and a bot's requests come from one worker at a time.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sealToken } from '../../../src/lib/seal-token.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { createFakeTelegram, type FakeTelegram } from '../../support/fake-telegram.js';
import { killWorkers, spawnWorker, type SpawnedWorker } from '../../support/spawn-worker.js';
import { seedChats } from './seed-chats.js';

const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'bot-share-worker.ts');
const SECRET = 'bot-share-test-secret-0123456789abcdef';
// Short enough to keep the test quick, long enough that a worker process stalled by a busy
// machine (2 shared cores) still renews its leases in time: at 2 s, stalls let leases lapse.
const LEASE_MS = 6000;
const SCHOOLS = 5; // school 0 uses the default bot
const PER_SCHOOL = 300;
const chatBase = (school: number) => (school + 1) * 1_000_000;

let db: TestDatabase;
const fakes: FakeTelegram[] = [];
beforeAll(async () => {
  db = await createTestDatabase();
  for (let i = 0; i < 3; i += 1) fakes.push(await createFakeTelegram({ rateLimit: { globalPerSecond: 1_000_000, perChatPerSecond: 1000 } }));
});
// A test that failed half-way leaves no worker sending into the next one.
afterEach(killWorkers);
afterAll(async () => {
  await Promise.all(fakes.map((f) => f.close()));
  await db.drop();
});
beforeEach(async () => {
  for (const f of fakes) f.reset();
  for (const table of ['outbox_messages', 'channels', 'sender_leases']) await db.pool.query(`DELETE FROM ${table}`);
  await db.pool.query(`DELETE FROM bots WHERE "schoolId" IS NOT NULL`);
});

async function seed(): Promise<void> {
  for (let s = 0; s < SCHOOLS; s += 1) {
    const schoolId = await seedChats(db.pool, PER_SCHOOL, chatBase(s));
    if (s === 0) continue;
    const { rows } = await db.pool.query<{ id: string }>(
      `INSERT INTO bots ("schoolId", type, "externalId", "tokenSealed", "tokenHint", "updatedAt") VALUES ($1, 'telegram', $2, $3, 'abcd', now()) RETURNING id`,
      [schoolId, String(700 + s), sealToken(SECRET, `${700 + s}:SCHOOL-TOKEN-abcd`)],
    );
    const botId = rows[0]!.id;
    await db.pool.query(`UPDATE channels SET "botId" = $2 WHERE "guardianId" IN (SELECT id FROM guardians WHERE "schoolId" = $1)`, [schoolId, botId]);
    await db.pool.query(`UPDATE outbox_messages SET "botId" = $2 WHERE "schoolId" = $1`, [schoolId, botId]);
  }
}

function startWorker(n: number, rate = 60): SpawnedWorker {
  return spawnWorker(WORKER, { DATABASE_URL: db.url, TELEGRAM_API_ROOT: fakes[n]!.apiRoot, WORKER_ID: `w${n}`, VESTNIK_SECRET: SECRET, DEFAULT_TOKEN: '123456:DEFAULT-TOKEN', LEASE_MS: String(LEASE_MS), RATE: String(rate) });
}

interface Send {
  worker: number;
  school: number;
  chat: number;
  at: number;
}
function sends(): Send[] {
  const all: Send[] = [];
  fakes.forEach((fake, worker) => {
    for (const call of fake.callsOf('sendMessage')) {
      if (!call.response?.ok) continue;
      const chat = Number(call.payload.chat_id);
      all.push({ worker, chat, school: Math.floor(chat / 1_000_000) - 1, at: call.at });
    }
  });
  return all.sort((a, b) => a.at - b.at);
}
const delivered = () => fakes.reduce((n, f) => n + f.callsOf('sendMessage').filter((c) => c.response?.ok).length, 0);
async function until(done: () => boolean, timeoutMs: number): Promise<void> {
  for (const start = Date.now(); !done(); ) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Per bot, how often the sending worker changed: a hand-over is one change, two senders at once would be many. */
function handOvers(all: Send[]): number[] {
  return Array.from({ length: SCHOOLS }, (_, s) => {
    const mine = all.filter((x) => x.school === s);
    return mine.filter((x, i) => i > 0 && x.worker !== mine[i - 1]!.worker).length;
  });
}
function perChat(all: Send[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const s of all) counts.set(s.chat, (counts.get(s.chat) ?? 0) + 1);
  return counts;
}

test('two workers share five bots: each holds some, every message goes out once, each bot from one worker', async () => {
  await seed();
  const workers = [startWorker(0), startWorker(1)];
  expect(await Promise.all(workers.map((w) => w.done))).toEqual([0, 0]);
  const all = sends();
  const counts = perChat(all);
  expect(counts.size).toBe(SCHOOLS * PER_SCHOOL);
  process.stdout.write(`dups ${JSON.stringify([...counts].filter(([, n]) => n > 1).map(([c]) => [c, all.filter((x) => x.chat === c).map((x) => `${x.worker}@${x.at}`)]).slice(0, 5))} handovers ${handOvers(all)}\n`);
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
  const bySchoolWorker = new Set(all.map((s) => `${s.school}:${s.worker}`));
  expect(new Set(all.map((s) => s.worker))).toEqual(new Set([0, 1]));
  // One starts a moment before the other and may hold a bot it then hands over: at most once.
  expect(handOvers(all).every((n) => n <= 1)).toBe(true);
  process.stdout.write(`two workers: bots per worker ${[0, 1].map((w) => [...bySchoolWorker].filter((k) => k.endsWith(`:${w}`)).length).join(' / ')}, hand-overs per bot ${handOvers(all).join(',')}\n`);
});

test('kill -9 of a worker holding bots: the survivor takes them within the lease, nothing lost, repeats at most the in-flight ones', async () => {
  await seed();
  const a = startWorker(0, 40);
  const b = startWorker(1, 40);
  await until(() => fakes[0]!.callsOf('sendMessage').length >= 100 && fakes[1]!.callsOf('sendMessage').length >= 100, 30_000);
  a.child.kill('SIGKILL');
  const killedAt = Date.now();
  await a.done;
  expect(await b.done).toBe(0);
  const all = sends();
  const counts = perChat(all);
  expect(counts.size).toBe(SCHOOLS * PER_SCHOOL);
  const repeats = [...counts.values()].reduce((n, c) => n + c - 1, 0);
  // At most what the dead worker's lanes had in flight: 32 per bot it held.
  expect(repeats).toBeLessThanOrEqual(32 * SCHOOLS);
  const orphaned = [...new Set(all.filter((s) => s.worker === 0).map((s) => s.school))];
  expect(orphaned.length).toBeGreaterThan(0);
  const moved = orphaned.map((school) => Math.min(...all.filter((s) => s.school === school && s.worker === 1 && s.at >= killedAt).map((s) => s.at)) - killedAt);
  expect(moved.every(Number.isFinite)).toBe(true);
  process.stdout.write(`kill -9: ${orphaned.length} bots moved to the survivor ${moved.join(', ')} ms after the kill (lease ${LEASE_MS} ms); ${repeats} repeated\n`);
});

test('a third worker joins: bots rebalance to it, no message goes out twice', async () => {
  await seed();
  const workers = [startWorker(0, 40), startWorker(1, 40)];
  await until(() => delivered() >= (SCHOOLS * PER_SCHOOL) / 5, 30_000);
  const joinedAt = Date.now();
  workers.push(startWorker(2, 40));
  expect(await Promise.all(workers.map((w) => w.done))).toEqual([0, 0, 0]);
  const all = sends();
  const counts = perChat(all);
  expect(counts.size).toBe(SCHOOLS * PER_SCHOOL);
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
  expect(all.some((s) => s.worker === 2)).toBe(true);
  // The longest pause of a bot after the join: a hand-over waits for a heartbeat or two.
  const pauses = Array.from({ length: SCHOOLS }, (_, s) => {
    const mine = all.filter((x) => x.school === s && x.at >= joinedAt);
    return Math.max(0, ...mine.map((x, i) => (i > 0 ? x.at - mine[i - 1]!.at : 0)));
  });
  process.stdout.write(`join: third worker sent ${all.filter((s) => s.worker === 2).length} messages; hand-overs per bot ${handOvers(all).join(',')}; longest pause per bot after the join ${pauses.join(', ')} ms (heartbeat ${LEASE_MS / 5} ms)\n`);
});
