// A region's workers start together (a deploy, a host reboot). Each used to set Agenda's
// table up at the same moment as the others, and all but one failed to start; the one left
// then held every bot, and a kill -9 of it stopped delivery for good.
import pg from 'pg';
import { z } from 'zod';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { testContext } from '../support/context.js';
import { startScheduler, type Scheduler } from '../../src/jobs/start-scheduler.js';
import type { JobDefinition } from '../../src/jobs/job-definitions.js';

const LOCK_LIFETIME_MS = 2000;
const WORKERS = 3;
let db: TestDatabase;
const pools: pg.Pool[] = [];
beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 2 });
  // One pool per worker process, as each process has its own.
  for (let i = 0; i < WORKERS; i++) pools.push(new pg.Pool({ connectionString: db.url, max: 4 }));
});
afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
  await db.drop();
  await new Promise((resolve) => setTimeout(resolve, LOCK_LIFETIME_MS / 2 + 100));
});

const tick: JobDefinition = { name: 'test:tick', every: '1 hour', schema: z.object({}), handler: async () => undefined };

/** A start that never resolves is a failure too: a worker stuck there never shares the bots. */
function withinTenSeconds<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => (timer = setTimeout(() => reject(new Error('did not start within 10 s')), 10_000)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

async function startAll(): Promise<PromiseSettledResult<Scheduler>[]> {
  return Promise.allSettled(pools.map((pool) => withinTenSeconds(startScheduler(testContext({ ...db, pool }), [tick], { lockLifetimeMs: LOCK_LIFETIME_MS }))));
}

async function stopAll(results: PromiseSettledResult<Scheduler>[]): Promise<void> {
  for (const r of results) if (r.status === 'fulfilled') await r.value.stop();
}

test('workers started at the same moment all start, on a fresh database and on one set up before', async () => {
  const onFresh = await startAll();
  await stopAll(onFresh);
  const onExisting = await startAll();
  await stopAll(onExisting);
  const failures = [...onFresh, ...onExisting].filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason));
  expect(failures).toEqual([]);
  // And the recurring job is still one row, not one per worker.
  const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM agenda_jobs WHERE name = 'test:tick'`);
  expect(rows[0].n).toBe(1);
});
