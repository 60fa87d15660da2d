// Agenda 6 on the same PostgreSQL (its own agenda_jobs table): recurring jobs are single
// rows locked with FOR UPDATE SKIP LOCKED, so several workers never run one tick twice.
import { PostgresBackend } from '@agendajs/postgres-backend';
import { Agenda } from 'agenda';
import type { AppContext } from '../app/app-context.js';
import type pg from 'pg';
import { JOBS, type JobDefinition } from './job-definitions.js';

/** Taken by every worker around Agenda's start-up; the migrations take 72707369. */
const AGENDA_SETUP_LOCK = 72707370;

/**
 * Agenda's backend sets its table up on every connect (CREATE TABLE IF NOT EXISTS, CREATE OR
 * REPLACE FUNCTION, DROP and CREATE TRIGGER), and none of it is safe twice at once: workers
 * started together failed with "tuple concurrently updated" or a duplicate catalog key, and
 * a worker that does not start leaves its share of the bots to the others. So one at a time,
 * under a transaction-level lock (a transaction-mode pooler keeps it on one connection),
 * held on a connection of its own while Agenda works on the pool's others.
 */
async function oneWorkerAtATime(pool: pg.Pool, run: () => Promise<void>): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [AGENDA_SETUP_LOCK]);
    await run();
  } finally {
    await client.query('COMMIT').catch(() => undefined);
    client.release();
  }
}

export interface SchedulerOptions {
  processEvery?: string;
  /**
   * How long a running job keeps its lock. Agenda re-checks a running job every half of
   * this with a timer it does not clear on stop, so short-lived processes (tests) pass less.
   */
  lockLifetimeMs?: number;
}

export interface Scheduler {
  agenda: Agenda;
  stop(): Promise<void>;
}

export async function startScheduler(ctx: AppContext, jobs: readonly JobDefinition<unknown>[] = JOBS, options: SchedulerOptions = {}): Promise<Scheduler> {
  const logger = ctx.logger.child({ component: 'scheduler' });
  // Agenda's own LISTEN channel only speeds up one-off jobs, which Vestnik does not use
  // (recurring jobs are found by polling every processEvery); new domain events have their
  // own listener (plan-on-event). Its reconnect path could also keep a dead pooled client.
  const backend = new PostgresBackend({ pool: ctx.db.pool, disableNotifications: true });
  // Agenda's constructor connects the backend without catching a failure: its start would
  // then wait forever. Connected here first, a failure is thrown, and Agenda gets this one.
  const connected = oneWorkerAtATime(ctx.db.pool, () => backend.connect());
  await connected;
  backend.connect = () => connected;
  const agenda = new Agenda({
    backend,
    name: `vestnik-${process.pid}`,
    processEvery: options.processEvery ?? '1 second',
    defaultLockLifetime: options.lockLifetimeMs ?? 10 * 60_000,
  });
  // Aborted on stop, so long handlers (a planner pass over a bulk load, a digest wave)
  // return between batches instead of holding the stop until their backlog is done.
  const stopping = new AbortController();
  for (const job of jobs) {
    agenda.define(
      job.name,
      async (agendaJob) => {
        const data = job.schema.parse(agendaJob.attrs.data ?? {});
        const started = Date.now();
        try {
          const result = await job.handler(ctx, data, stopping.signal);
          logger.debug({ job: job.name, ms: Date.now() - started, result }, 'job done');
        } catch (error) {
          logger.error({ err: error, job: job.name }, 'job failed');
          throw error;
        }
      },
      { concurrency: 1, lockLifetime: options.lockLifetimeMs ?? 10 * 60_000 },
    );
  }
  await agenda.start();
  for (const job of jobs) await agenda.every(job.every, job.name, {});
  return {
    agenda,
    async stop() {
      stopping.abort();
      // Let running handlers finish their batch (they hold database connections), but not forever.
      await agenda.drain(30_000);
    },
  };
}
