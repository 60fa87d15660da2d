// One sender at a time across workers for each chat bot: the sender lease
// (`telegram:<bot id>`, `max:<bot id>`). A dispatcher whose lease is taken from it stops
// sending and hands its queued rows back; the next holder sends them, and no message goes
// out from both.
import { createDispatcher, type Dispatcher } from '../../../src/modules/delivery/dispatch-loop.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { maxDriver, telegramDriver, type ChatDriver } from './chat-drivers.js';
import { seedChats } from './seed-chats.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 12 });
});
afterAll(async () => {
  await db.drop();
});

const left = async () => (await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox_messages WHERE status IN ('queued', 'sending')`)).rows[0]!.n;
async function until(done: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
  for (const start = Date.now(); !(await done()); ) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// One fake Bot API per worker, so every send is known to come from one or the other.
describe.each<[string, string, ChatDriver, ChatDriver]>([
  ['Telegram', 'telegram:123456', telegramDriver(), telegramDriver()],
  ['MAX', 'max:9000001', maxDriver(), maxDriver()],
])('%s sender lease', (_name, lease, apiA, apiB) => {
  beforeAll(async () => {
    await apiA.start();
    await apiB.start();
  });
  afterAll(async () => {
    await apiA.close();
    await apiB.close();
  });

  // Long enough that a holder stalled for a moment by a busy machine still renews in time
  // (at 1 s, a stall of 0.8 s let A's lease lapse and B start early).
  const LEASE_MS = 2000;
  function worker(api: ChatDriver, workerId: string, idleMs: number): Dispatcher {
    const sender = api.sender({ perSecond: 40, perChatPerSecond: 1000 });
    return createDispatcher({ pool: db.pool, sender, workerId, concurrency: 4, batchSize: 20, leaseMs: LEASE_MS, idleMs, exclusiveLease: lease });
  }
  const chats = (api: ChatDriver) => api.delivered().map((m) => Number(m.address));

  test('a sender whose lease is taken stops and hands back its rows; the next holder sends them and no message goes out twice', async () => {
    await seedChats(db.pool, 200, 600_000, 'mark', false, apiA.type);
    apiA.reach(600_001, 600_200);
    apiB.reach(600_001, 600_200);
    // A is slow to compete again after losing the lease, so B is the one to take over.
    const a = worker(apiA, 'a', 5000);
    const b = worker(apiB, 'b', 20);
    a.start();
    try {
      await until(() => apiA.delivered().length >= 20, 10_000);
      b.start();
      // B waits: A holds the lease and renews it.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(apiB.delivered()).toHaveLength(0);
      // Another holder takes the lease from A, as after A went unheard for longer than the lease.
      const takenAt = Date.now();
      await db.pool.query(`UPDATE sender_leases SET holder = 'elsewhere', token = token + 1, "expiresAt" = now() + make_interval(secs => $2::float8 / 1000) WHERE name = $1`, [lease, LEASE_MS * 1.25]);
      await until(async () => (await left()) === 0, 30_000);
      const lastOfA = Math.max(...apiA.delivered().map((m) => m.at));
      const firstOfB = Math.min(...apiB.delivered().map((m) => m.at));
      process.stdout.write(`sender lease (${lease}): A's last send ${lastOfA - takenAt} ms after its lease was taken, B's first ${firstOfB - takenAt} ms after\n`);
      // Never two senders at once: A had stopped before B sent anything.
      expect(lastOfA).toBeLessThan(firstOfB);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    const all = [...chats(apiA), ...chats(apiB)];
    expect(new Set(all).size).toBe(200);
    expect(all).toHaveLength(200);
    expect(chats(apiB).length).toBeGreaterThan(20);
    const { rows } = await db.pool.query<{ holder: string }>(`SELECT holder FROM sender_leases WHERE name = $1`, [lease]);
    expect(rows[0]?.holder).toMatch(/^b:/);
  });
});
