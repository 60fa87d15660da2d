// Stopping the scheduler tells running handlers to stop instead of waiting for them to
// work through their backlog: a planner pass or a digest wave returns between batches.
import { z } from 'zod';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { testContext } from '../support/context.js';
import { startScheduler } from '../../src/jobs/start-scheduler.js';
import type { JobDefinition } from '../../src/jobs/job-definitions.js';

/** Short, because Agenda's job-alive checks outlive stop() by half of it. */
const LOCK_LIFETIME_MS = 2000;
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 8 });
});
afterAll(async () => {
  await db.drop();
  await new Promise((resolve) => setTimeout(resolve, LOCK_LIFETIME_MS / 2 + 100));
});

test('a handler still working through its batches sees the stop and returns; stop() resolves with work left', async () => {
  let started: () => void = () => undefined;
  const running = new Promise<void>((resolve) => (started = resolve));
  const outcome = { batches: 0, sawStop: false };
  // Stands in for a pass over a huge backlog: it would run for hours if nobody stopped it.
  const endless: JobDefinition = {
    name: 'test:endless',
    every: '1 hour',
    schema: z.object({}),
    async handler(_ctx, _data, signal) {
      started();
      while (outcome.batches < 1_000_000) {
        if (signal.aborted) {
          outcome.sawStop = true;
          return;
        }
        outcome.batches += 1;
        await db.pool.query('SELECT pg_sleep(0.01)');
      }
    },
  };
  const scheduler = await startScheduler(testContext(db), [endless], { lockLifetimeMs: LOCK_LIFETIME_MS });
  await running;
  await scheduler.stop();
  expect(outcome.sawStop).toBe(true);
  expect(outcome.batches).toBeLessThan(1_000_000);
});
