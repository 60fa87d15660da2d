// One Telegram sender at a time across workers: the sender lease. A dispatcher whose lease
// is taken from it stops sending and hands its queued rows back; the next holder sends
// them, and no message goes out from both.
import { createDispatcher, type Dispatcher } from '../../../src/modules/delivery/dispatch-loop.js';
import { createTelegramSender } from '../../../src/channels/telegram/telegram-sender.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { createFakeTelegram, type FakeTelegram } from '../../support/fake-telegram.js';

const LEASE = 'telegram:123456';
let db: TestDatabase;
// One fake Bot API per worker, so every send is known to come from one or the other.
let apiA: FakeTelegram;
let apiB: FakeTelegram;
let schoolId: string;
beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 12 });
  apiA = await createFakeTelegram({ rateLimit: false });
  apiB = await createFakeTelegram({ rateLimit: false });
  const { rows } = await db.pool.query<{ id: string }>(`INSERT INTO schools (name, timezone, "updatedAt") VALUES ('Школа', 'Europe/Moscow', now()) RETURNING id`);
  schoolId = rows[0]!.id;
});
afterAll(async () => {
  await apiA.close();
  await apiB.close();
  await db.drop();
});

/** n guardians with a Telegram chat and one queued message each, chats from `firstChat` + 1. */
async function seed(n: number, firstChat: number): Promise<void> {
  await db.pool.query(
    `WITH g AS (INSERT INTO guardians ("schoolId", "fullName", "updatedAt") SELECT $1, 'Родитель ' || i, now() FROM generate_series(1, $2) AS i RETURNING id),
     numbered AS (SELECT id, row_number() OVER () AS i FROM g),
     c AS (INSERT INTO channels ("guardianId", type, address, verified, "updatedAt")
           SELECT id, 'telegram', ($3 + i)::text, true, now() FROM numbered RETURNING id, "guardianId", address)
     INSERT INTO outbox_messages ("idempotencyKey", "schoolId", "guardianId", "channelId", "channelType", kind, payload, "updatedAt")
     SELECT "guardianId" || ':lease:' || address, $1, "guardianId", id, 'telegram', 'mark',
            jsonb_build_object('cause', 'lease:' || address, 'lang', 'ru', 'studentName', 'Ученик', 'eventType', 'mark_created', 'occurredAt', now(),
              'data', jsonb_build_object('markId', gen_random_uuid(), 'subjectId', gen_random_uuid(), 'subjectName', 'Математика',
                'date', '2026-11-20', 'value', '5', 'weight', 1, 'kind', null, 'comment', null)), now()
       FROM c`,
    [schoolId, n, firstChat],
  );
}

function worker(api: FakeTelegram, workerId: string, idleMs: number): Dispatcher {
  const sender = createTelegramSender({ token: '123456:TEST-TOKEN-abcdef', apiRoot: api.apiRoot, perSecond: 40, perChatPerSecond: 1000 });
  return createDispatcher({ pool: db.pool, sender, workerId, concurrency: 4, batchSize: 20, leaseMs: 1000, idleMs, exclusiveLease: LEASE });
}

const chats = (api: FakeTelegram) => api.sentMessages().map((m) => Number(m.chat_id));
const left = async () => (await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox_messages WHERE status IN ('queued', 'sending')`)).rows[0]!.n;
async function until(done: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
  for (const start = Date.now(); !(await done()); ) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('a sender whose lease is taken stops and hands back its rows; the next holder sends them and no message goes out twice', async () => {
  await seed(200, 600_000);
  // A is slow to compete again after losing the lease, so B is the one to take over.
  const a = worker(apiA, 'a', 5000);
  const b = worker(apiB, 'b', 20);
  a.start();
  try {
    await until(() => apiA.sentMessages().length >= 20, 10_000);
    b.start();
    // B waits: A holds the lease and renews it.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(apiB.sentMessages()).toHaveLength(0);
    // Another holder takes the lease from A, as after A went unheard for longer than the lease.
    const takenAt = Date.now();
    await db.pool.query(`UPDATE sender_leases SET holder = 'elsewhere', token = token + 1, "expiresAt" = now() + interval '1500 milliseconds' WHERE name = $1`, [LEASE]);
    await until(async () => (await left()) === 0, 30_000);
    const lastOfA = Math.max(...apiA.sentMessages().map((m) => m.at));
    const firstOfB = Math.min(...apiB.sentMessages().map((m) => m.at));
    process.stdout.write(`sender lease: A's last send ${lastOfA - takenAt} ms after its lease was taken, B's first ${firstOfB - takenAt} ms after\n`);
    // Never two senders at once: A had stopped before B sent anything.
    expect(lastOfA).toBeLessThan(firstOfB);
  } finally {
    await Promise.all([a.stop(), b.stop()]);
  }
  const all = [...chats(apiA), ...chats(apiB)];
  expect(new Set(all).size).toBe(200);
  expect(all).toHaveLength(200);
  expect(chats(apiB).length).toBeGreaterThan(20);
  const { rows } = await db.pool.query<{ holder: string }>(`SELECT holder FROM sender_leases WHERE name = $1`, [LEASE]);
  expect(rows[0]?.holder).toMatch(/^b:/);
});
