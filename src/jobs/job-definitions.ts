// The clock of the notification pipeline: each job is a name, a payload schema and a
// handler that calls one domain function. Sending itself is not a job (see worker-component).
import { z } from 'zod';
import type { AppContext } from '../app/app-context.js';
import { createDuePaperBatches } from '../modules/paper/create-paper-batch.js';
import { planPending as planPendingEvents, type PlanPendingResult } from '../modules/notifications/plan-pending.js';
import { runDigests } from '../modules/notifications/run-digests.js';
import { sendTeacherSummaries } from '../modules/notifications/send-teacher-summaries.js';
import { runSlaCheck } from '../modules/notifications/sla-check.js';
import { runRetention } from '../modules/retention/run-retention.js';

export interface JobDefinition<T = unknown> {
  name: string;
  /** Agenda interval ("5 seconds", "1 hour"). */
  every: string;
  schema: z.ZodType<T>;
  /** `signal` aborts when the worker stops: loops check it between batches and return. */
  handler(ctx: AppContext, data: T, signal: AbortSignal): Promise<unknown>;
}

/** Plans every pending event, in batches, so one run also catches up after downtime. */
export function planPending(ctx: AppContext, batchSize = 500, signal?: AbortSignal): Promise<PlanPendingResult> {
  return planPendingEvents(ctx.db, { batchSize, plannerId: 'worker', signal });
}

const define = <T>(job: JobDefinition<T>): JobDefinition<unknown> => job as JobDefinition<unknown>;

export const JOBS: readonly JobDefinition<unknown>[] = [
  define({
    name: 'notifications:plan',
    every: '3 seconds',
    schema: z.object({ batchSize: z.number().int().positive().max(10_000).default(500) }),
    handler: (ctx, data, signal) => planPending(ctx, data.batchSize, signal),
  }),
  define({
    name: 'notifications:digests',
    every: '1 minute',
    schema: z.object({}),
    handler: (ctx, _data, signal) => runDigests(ctx.db.pool, { signal, reads: ctx.db.reads }),
  }),
  define({
    name: 'notifications:paper',
    every: '1 hour',
    schema: z.object({}),
    handler: (ctx) => createDuePaperBatches(ctx.db.pool),
  }),
  define({
    name: 'notifications:sla-check',
    every: '1 hour',
    schema: z.object({}),
    handler: (ctx) => runSlaCheck(ctx.db.pool),
  }),
  define({
    name: 'notifications:teacher-summary',
    // Each class's summary goes out once a day after 19:00 in its school's zone, also on the
    // first run after downtime; a run that finds it already sent costs one lookup.
    every: '10 minutes',
    schema: z.object({}),
    handler: (ctx) => sendTeacherSummaries(ctx.db.pool),
  }),
  define({
    // 152-ФЗ: rows past their retention period (school settings, see README) go once a day.
    name: 'retention:run',
    every: '1 day',
    schema: z.object({}),
    handler: (ctx) => runRetention(ctx.db),
  }),
];
