// The worker plans as soon as events are committed, not on the planner's next tick.
import { createLogger } from '../../src/lib/logger.js';
import { createEventWake, type EventWake } from '../../src/jobs/plan-on-event.js';
import { recordEvents } from '../../src/modules/ingestion/record-events.js';
import { PLAN_CONCURRENCY, planPending, type PlanPendingResult } from '../../src/modules/notifications/plan-pending.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { createFamily, finalPayload } from '../modules/notifications/fixtures.js';

let db: TestDatabase;
let wake: EventWake | undefined;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterEach(async () => {
  await wake?.stop();
  wake = undefined;
});
afterAll(async () => {
  await db.drop();
});

async function until(check: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !check(); waited += 20) {
    if (waited > 10_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Records one final-mark event in a transaction that commits when `commit` is called. */
async function openTransactionWithEvent(family: Awaited<ReturnType<typeof createFamily>>) {
  const client = await db.pool.connect();
  await client.query('BEGIN');
  await recordEvents(client, [{ schoolId: family.schoolId, type: 'final_mark_published', studentId: family.studentId, payload: finalPayload('5') }]);
  return {
    async commit() {
      await client.query('COMMIT');
      client.release();
    },
  };
}

test('committed events wake the planner; uncommitted ones do not', async () => {
  const family = await createFamily(db.prisma);
  let runs = 0;
  wake = createEventWake(db.url, async () => void (runs += 1), createLogger('silent'));
  await wake.start();
  await until(() => runs === 1, 'the catch-up run at start');

  const tx = await openTransactionWithEvent(family);
  // A notification is only sent on commit; give a wrongly early one time to arrive.
  await db.pool.query('SELECT pg_sleep(0.3)');
  expect(runs).toBe(1);
  await tx.commit();
  await until(() => runs === 2, 'a run after the commit');
});

test('events committed during a run lead to exactly one more run', async () => {
  const family = await createFamily(db.prisma);
  let runs = 0;
  let release: () => void = () => undefined;
  wake = createEventWake(
    db.url,
    () => {
      runs += 1;
      return runs === 2 ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();
    },
    createLogger('silent'),
  );
  await wake.start();
  await until(() => runs === 1, 'the catch-up run');
  await (await openTransactionWithEvent(family)).commit();
  await until(() => runs === 2, 'the run for the first commit');
  for (let i = 0; i < 3; i += 1) await (await openTransactionWithEvent(family)).commit();
  await db.pool.query('SELECT pg_sleep(0.3)');
  expect(runs).toBe(2);
  release();
  await until(() => runs === 3, 'one run for the three commits made meanwhile');
  await db.pool.query('SELECT pg_sleep(0.3)');
  expect(runs).toBe(3);
});

test('after its connection is killed the listener comes back and catches up', async () => {
  const family = await createFamily(db.prisma);
  let runs = 0;
  wake = createEventWake(db.url, async () => void (runs += 1), createLogger('silent'));
  await wake.start();
  await until(() => runs === 1, 'the catch-up run');
  const { rowCount } = await db.pool.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`);
  expect(rowCount).toBe(1);
  // Committed while nobody listens: found by the catch-up run after reconnecting.
  await (await openTransactionWithEvent(family)).commit();
  await until(() => runs >= 2, 'a run after reconnecting');
  const before = runs;
  await (await openTransactionWithEvent(family)).commit();
  await until(() => runs === before + 1, 'a run for a commit on the new connection');
});

test('stopping during a pass over a large backlog returns between batches, with the rest left for later', async () => {
  const family = await createFamily(db.prisma);
  const client = await db.pool.connect();
  await recordEvents(client, Array.from({ length: 300 }, () => ({ schoolId: family.schoolId, type: 'final_mark_published' as const, studentId: family.studentId, payload: finalPayload('5') })));
  client.release();
  const unplanned = async () => (await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM domain_events WHERE "plannedAt" IS NULL`)).rows[0]?.n;
  // Earlier tests leave a few events of their own unplanned.
  const backlog = (await unplanned()) ?? 0;
  let batches = 0;
  let stopping: Promise<void> | undefined;
  let pass: PlanPendingResult | undefined;
  const current = createEventWake(
    db.url,
    async (signal) => {
      pass = await planPending(db, {
        batchSize: 10,
        signal,
        // Read once for the due announcements, then as each batch starts: the stop is
        // requested while the pass's first batches are under way (one per lane).
        now: () => {
          batches += 1;
          if (batches === 1 + PLAN_CONCURRENCY) stopping = current.stop();
          return new Date();
        },
      });
    },
    createLogger('silent'),
  );
  await current.start();
  await until(() => stopping !== undefined, 'the second batch');
  await stopping;
  expect(pass?.stopped).toBe(true);
  // The batches under way finish, and no lane starts another.
  const started = batches - 1;
  expect(started).toBe(PLAN_CONCURRENCY);
  expect(pass?.events).toBe(10 * started);
  expect(await unplanned()).toBe(backlog - 10 * started);
});
