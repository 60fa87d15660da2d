// Crash safety of the dispatcher with real processes: kill -9 in the middle of a large
// dispatch and restart; two workers on one database.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { createFakeTelegram, type FakeTelegram } from '../../support/fake-telegram.js';

const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'dispatch-worker.ts');

let db: TestDatabase;
let telegram: FakeTelegram;

beforeAll(async () => {
  db = await createTestDatabase();
  telegram = await createFakeTelegram({ rateLimit: { globalPerSecond: 1_000_000, perChatPerSecond: 1000 }, checkHtml: true });
});
afterAll(async () => {
  await telegram.close();
  await db.drop();
});

/** n guardians with one Telegram chat each and one queued message each, chat ids from `firstChat`. */
async function seed(n: number, firstChat: number): Promise<void> {
  const { rows } = await db.pool.query<{ id: string }>(`INSERT INTO schools (name, timezone, "updatedAt") VALUES ('Школа', 'Europe/Moscow', now()) RETURNING id`);
  const schoolId = rows[0]!.id;
  await db.pool.query(
    `WITH g AS (
       INSERT INTO guardians ("schoolId", "fullName", "updatedAt")
       SELECT $1, 'Родитель ' || i, now() FROM generate_series(1, $2) AS i RETURNING id),
     numbered AS (SELECT id, row_number() OVER () AS i FROM g),
     c AS (
       INSERT INTO channels ("guardianId", type, address, verified, "updatedAt")
       SELECT id, 'telegram', ($3 + i)::text, true, now() FROM numbered RETURNING id, "guardianId", address)
     INSERT INTO outbox_messages ("idempotencyKey", "schoolId", "guardianId", "channelId", "channelType", kind, payload, "updatedAt")
     SELECT "guardianId" || ':crash:' || address || ':telegram', $1, "guardianId", id, 'telegram', 'mark',
            jsonb_build_object('cause', 'crash:' || address, 'lang', 'ru', 'studentName', 'Ученик ' || address,
              'eventType', 'mark_created', 'occurredAt', now(),
              'data', jsonb_build_object('markId', gen_random_uuid(), 'subjectId', gen_random_uuid(), 'subjectName', 'Математика',
                'date', '2026-11-20', 'value', '5', 'weight', 1, 'kind', null, 'comment', null)), now()
       FROM c`,
    [schoolId, n, firstChat],
  );
}

function startWorker(workerId: string, leaseMs: number): { child: ChildProcess; done: Promise<number | null> } {
  // node with tsx's loader rather than the tsx launcher: the launcher runs the script in a
  // child process, and kill -9 of the launcher would leave that child sending.
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
    env: { ...process.env, NODE_OPTIONS: '', DATABASE_URL: db.url, TELEGRAM_API_ROOT: telegram.apiRoot, WORKER_ID: workerId, LEASE_MS: String(leaseMs) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const done = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, done };
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

describe('dispatcher crash safety', () => {
  test('kill -9 in the middle of 10,000 messages and a restart: nothing lost, repeats at most the in-flight ones', async () => {
    const N = 10_000;
    await seed(N, 1_000_000);
    const first = startWorker('first', 2000);
    await telegram.waitFor((calls) => calls.filter((c) => c.method === 'sendMessage').length >= 3000 || undefined, 60_000);
    first.child.kill('SIGKILL');
    await first.done;
    const { rows } = await db.pool.query<{ n: number; sent: number }>(
      `SELECT count(*) FILTER (WHERE status = 'sending')::int AS n, count(*) FILTER (WHERE status = 'sent')::int AS sent FROM outbox_messages`,
    );
    const inFlight = rows[0]!.n;
    expect(rows[0]!.sent).toBeGreaterThan(0);
    expect(rows[0]!.sent).toBeLessThan(N);

    const second = startWorker('second', 2000);
    expect(await second.done).toBe(0);
    const counts = deliveredPerChat(1_000_001, 1_000_000 + N);
    expect(counts.size).toBe(N);
    const repeats = [...counts.values()].reduce((a, b) => a + b, 0) - N;
    expect(repeats).toBeLessThanOrEqual(inFlight);
    const { rows: left } = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox_messages WHERE status <> 'sent'`);
    expect(left[0]!.n).toBe(0);
    process.stdout.write(`crash test: ${N} messages, ${inFlight} in flight at kill, ${repeats} repeated\n`);
  }, 120_000);

  test('two workers on one database never send a message twice', async () => {
    await db.pool.query(`DELETE FROM outbox_messages`);
    const N = 3000;
    await seed(N, 5_000_000);
    const workers = [startWorker('a', 60_000), startWorker('b', 60_000)];
    expect(await Promise.all(workers.map((w) => w.done))).toEqual([0, 0]);
    const counts = deliveredPerChat(5_000_001, 5_000_000 + N);
    expect(counts.size).toBe(N);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    const { rows } = await db.pool.query<{ worker: string; n: number }>(`SELECT "claimedBy" AS worker, count(*)::int AS n FROM outbox_messages GROUP BY 1`);
    // Both took part.
    expect(rows.filter((r) => r.n > 0).map((r) => r.worker).sort()).toEqual(['a', 'b']);
  }, 120_000);
});
