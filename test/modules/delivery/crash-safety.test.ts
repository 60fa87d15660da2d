// Crash safety of the dispatcher with real processes: kill -9 in the middle of a large
// dispatch and restart, and two workers on one database, for each chat messenger; the
// takeover of critical rows and the database going away mid-drain, over Telegram.
import pg from 'pg';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { killWorkers, spawnWorker, type SpawnedWorker } from '../../support/spawn-worker.js';
import { seedChats } from './seed-chats.js';
import { createFakeTelegram, faults, type FakeTelegram } from '../../support/fake-telegram.js';
import { chatDrivers, deliveredPerChat as deliveredOver } from './chat-drivers.js';

const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'dispatch-worker.ts');

let db: TestDatabase;
let telegram: FakeTelegram;

beforeAll(async () => {
  db = await createTestDatabase();
  telegram = await createFakeTelegram({ rateLimit: { globalPerSecond: 1_000_000, perChatPerSecond: 1000 }, checkHtml: true });
});
// A test that failed half-way leaves no worker sending into the next one.
afterEach(killWorkers);
afterAll(async () => {
  await telegram.close();
  await db.drop();
});

/** n guardians with one Telegram chat each and one queued message each, chat ids from `firstChat`. */
async function seed(n: number, firstChat: number, critical = false): Promise<void> {
  await seedChats(db.pool, n, firstChat, 'mark', critical);
}

function startWorker(workerId: string, leaseMs?: number, extra: Record<string, string> = {}): SpawnedWorker {
  return spawnWorker(WORKER, { DATABASE_URL: db.url, TELEGRAM_API_ROOT: telegram.apiRoot, WORKER_ID: workerId, LEASE_MS: leaseMs ? String(leaseMs) : '', ...extra });
}

function deliveredPerChat(from: number, to: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of telegram.callsOf('sendMessage')) {
    if (!call.response?.ok) continue;
    const chat = Number(call.payload.chat_id);
    if (chat < from || chat > to) continue;
    counts.set(String(chat), (counts.get(String(chat)) ?? 0) + 1);
  }
  return counts;
}

describe.each(chatDrivers())('%s dispatcher crash safety', (_name, chat) => {
  beforeAll(() => chat.start());
  afterAll(() => chat.close());
  beforeEach(async () => {
    chat.reset();
    await db.pool.query(`DELETE FROM outbox_messages`);
  });

  async function seedFor(n: number, first: number): Promise<void> {
    await seedChats(db.pool, n, first, 'mark', false, chat.type);
    chat.reach(first + 1, first + n);
  }

  function start(workerId: string, leaseMs?: number) {
    const env: Record<string, string> = chat.type === 'max' ? { CHANNEL: 'max', MAX_API_ROOT: chat.apiRoot, MAX_TOKEN: chat.token } : { TELEGRAM_API_ROOT: chat.apiRoot };
    return startWorker(workerId, leaseMs, env);
  }

  test('kill -9 in the middle of 10,000 messages and a restart: nothing lost, repeats at most the in-flight ones', async () => {
    const N = 10_000;
    await seedFor(N, 1_000_000);
    const first = start('first', 2000);
    await chat.waitForSends(3000);
    first.child.kill('SIGKILL');
    await first.done;
    const { rows } = await db.pool.query<{ n: number; sent: number }>(
      `SELECT count(*) FILTER (WHERE status = 'sending')::int AS n, count(*) FILTER (WHERE status = 'sent')::int AS sent FROM outbox_messages`,
    );
    const inFlight = rows[0]!.n;
    expect(rows[0]!.sent).toBeGreaterThan(0);
    expect(rows[0]!.sent).toBeLessThan(N);

    const second = start('second', 2000);
    expect(await second.done).toBe(0);
    const counts = deliveredOver(chat, 1_000_001, 1_000_000 + N);
    expect(counts.size).toBe(N);
    const repeats = [...counts.values()].reduce((a, b) => a + b, 0) - N;
    expect(repeats).toBeLessThanOrEqual(inFlight);
    const { rows: left } = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox_messages WHERE status <> 'sent'`);
    expect(left[0]!.n).toBe(0);
    process.stdout.write(`crash test (${chat.type}): ${N} messages, ${inFlight} in flight at kill, ${repeats} repeated\n`);
  }, 120_000);

  test('two workers on one database never send a message twice', async () => {
    const N = 3000;
    await seedFor(N, 5_000_000);
    const workers = [start('a', 60_000), start('b', 60_000)];
    expect(await Promise.all(workers.map((w) => w.done))).toEqual([0, 0]);
    const counts = deliveredOver(chat, 5_000_001, 5_000_000 + N);
    expect(counts.size).toBe(N);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    const { rows } = await db.pool.query<{ worker: string; n: number }>(`SELECT "claimedBy" AS worker, count(*)::int AS n FROM outbox_messages GROUP BY 1`);
    // Both took part.
    expect(rows.filter((r) => r.n > 0).map((r) => r.worker).sort()).toEqual(['a', 'b']);
  }, 120_000);
});

/** Runs SQL on the server's maintenance database, outside the database under test. */
async function onServer(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: process.env.VESTNIK_TEST_PG_URL });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

describe('dispatcher under faults', () => {
  test('after kill -9, the critical rows the dead worker held are taken over by the next worker with the default short lease', async () => {
    await db.pool.query(`DELETE FROM outbox_messages`);
    await seed(300, 8_000_000, true);
    await seed(300, 8_100_000, false);
    // Slow enough that most of the claimed final grades are still in the local queue at the kill.
    const first = startWorker('dead', undefined, { RATE: '20', BATCH: '100' });
    await telegram.waitFor((calls) => calls.filter((c) => c.method === 'sendMessage' && Number(c.payload.chat_id) >= 8_000_000).length >= 10 || undefined, 30_000);
    first.child.kill('SIGKILL');
    await first.done;
    const killedAt = Date.now();
    const { rows } = await db.pool.query<{ id: string; untilMs: number }>(
      `SELECT id, extract(epoch FROM "claimedUntil" - now()) * 1000 AS "untilMs" FROM outbox_messages WHERE status = 'sending' AND critical`,
    );
    const orphaned = rows.map((r) => r.id);
    expect(orphaned.length).toBeGreaterThan(0);
    // The lease the dead worker left behind is the short one, not two minutes.
    expect(Math.max(...rows.map((r) => Number(r.untilMs)))).toBeLessThanOrEqual(10_000);

    const second = startWorker('heir');
    expect(await second.done).toBe(0);
    const { rows: after } = await db.pool.query<{ id: string; status: string; claimedBy: string; sentAt: Date }>(
      `SELECT id, status::text, "claimedBy", "sentAt" FROM outbox_messages WHERE id = ANY($1::uuid[])`,
      [orphaned],
    );
    expect(after.every((r) => r.status === 'sent' && r.claimedBy === 'heir')).toBe(true);
    const counts = deliveredPerChat(8_000_001, 8_100_300);
    expect(counts.size).toBe(600);
    const takeover = Math.max(...after.map((r) => r.sentAt.getTime())) - killedAt;
    process.stdout.write(`takeover: ${orphaned.length} final grades held by a killed worker all sent ${takeover} ms after the kill\n`);
  }, 60_000);

  test('a worker survives its database going away while a refill claim is pending and rows wait in its local queue', async () => {
    await db.pool.query(`DELETE FROM outbox_messages`);
    const N = 600;
    await seed(N, 9_000_000);
    const worker = startWorker('steady', 2000, { RATE: '300', BATCH: '100' });
    await telegram.waitFor((calls) => calls.filter((c) => c.method === 'sendMessage' && Number(c.payload.chat_id) > 9_000_000).length >= 100 || undefined, 30_000);
    // Slow answers keep the lanes busy with Telegram while a lock on channels (which only
    // the claim reads) holds up the next refill: the outage then fails a claim nobody awaits yet.
    telegram.addFault({ method: 'sendMessage', fault: faults.delay(1500) });
    const locker = new pg.Client({ connectionString: db.url });
    locker.on('error', () => undefined);
    await locker.connect();
    await locker.query(`BEGIN; LOCK TABLE channels IN ACCESS EXCLUSIVE MODE`);
    const claimWaiting = async () => {
      const { rows } = await db.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'WITH queued AS%' AND wait_event_type = 'Lock'`,
      );
      return rows[0]!.n > 0;
    };
    for (let i = 0; i < 200 && !(await claimWaiting()); i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await claimWaiting()).toBe(true);
    // As a stopped server would: every session ends and no new one is accepted for a while.
    await onServer(`ALTER DATABASE ${db.name} WITH ALLOW_CONNECTIONS false`);
    await onServer(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${db.name}'`);
    await locker.end().catch(() => undefined);
    telegram.clearFaults();
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await onServer(`ALTER DATABASE ${db.name} WITH ALLOW_CONNECTIONS true`);
    expect(await worker.done).toBe(0);
    const counts = deliveredPerChat(9_000_001, 9_000_000 + N);
    expect(counts.size).toBe(N);
    // What was sent during the outage is recorded once the database is back, not sent again.
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  }, 60_000);
});
