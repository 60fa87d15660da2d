// One planner pass: sends the scheduled announcements that are due, then plans batch after
// batch until nothing plannable is left or the worker asks to stop. A stop is seen between
// batches, so it waits for one batch at most; what is left stays unplanned for the next pass.
import type { Database } from '../../db/open-database.js';
import { sendDueAnnouncements } from '../announcements/send-due-announcements.js';
import { planNotifications, type PlanResult } from './plan-notifications.js';

/**
 * A backlog this large came from a bulk load, which autovacuum may not have analysed yet.
 * ANALYZE on domain_events samples a fixed number of rows, so it costs well under a second.
 */
export const ANALYZE_BACKLOG_OVER = 10_000;

/** Batches planned at once in one pass: two keep the database busy while the planner works out the next. */
export const PLAN_CONCURRENCY = 2;

export interface PlanPendingOptions {
  /** Batches planned side by side (PLAN_CONCURRENCY). */
  concurrency?: number;
  batchSize?: number;
  plannerId?: string;
  now?: () => Date;
  signal?: AbortSignal;
  /** Unplanned events above which the pass runs ANALYZE domain_events first. */
  analyzeBacklogOver?: number;
}

export interface PlanPendingResult extends PlanResult {
  batches: number;
  /** Scheduled announcements sent in this pass. */
  announcements: number;
  /** True when the pass returned because of the signal, possibly with work left. */
  stopped: boolean;
  analysed: boolean;
}

export async function planPending(db: Pick<Database, 'pool'>, options: PlanPendingOptions = {}): Promise<PlanPendingResult> {
  const total: PlanPendingResult = { events: 0, messages: 0, cancelledOut: 0, batches: 0, announcements: 0, stopped: false, analysed: false };
  if (options.signal?.aborted) return { ...total, stopped: true };
  total.analysed = await analyzeLargeBacklog(db, options.analyzeBacklogOver ?? ANALYZE_BACKLOG_OVER);
  // Due announcements first, on the first batch's clock: one reading of the clock per batch.
  total.announcements = await sendDueAnnouncements(db.pool, options.now?.() ?? new Date());
  // Batches run side by side, each in its own transaction: while one waits on its outbox
  // insert, the next reads its events (SKIP LOCKED splits them, as between workers).
  const lane = async () => {
    for (;;) {
      if (options.signal?.aborted) {
        total.stopped = true;
        return;
      }
      const batch = await planNotifications(db, { batchSize: options.batchSize, plannerId: options.plannerId, now: options.now?.() });
      if (batch.events === 0) return;
      total.events += batch.events;
      total.messages += batch.messages;
      total.cancelledOut += batch.cancelledOut;
      total.batches += 1;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? PLAN_CONCURRENCY) }, lane));
  return total;
}

/**
 * The planner's queries keep one plan shape whatever the statistics (select-plannable-events),
 * but everything else that reads the table (recipients, reports) still benefits from fresh ones.
 */
async function analyzeLargeBacklog(db: Pick<Database, 'pool'>, threshold: number): Promise<boolean> {
  if (!Number.isFinite(threshold)) return false;
  // Counting stops at threshold + 1 rows, so a small backlog costs a short index read.
  // Statistics are stale when they know of fewer rows than the backlog alone (a fresh
  // table: immediate) or when many rows changed since the last ANALYZE (a big table: the
  // activity counters lag by up to a second). Either way one ANALYZE makes them current,
  // so a backlog held back by the grace window does not cause one on every pass.
  const { rows } = await db.pool.query<{ n: number; stale: boolean }>(
    `WITH backlog AS (SELECT count(*)::int AS n FROM (SELECT 1 FROM domain_events WHERE "plannedAt" IS NULL LIMIT $1 + 1) b)
     SELECT backlog.n,
            (SELECT reltuples < backlog.n FROM pg_class WHERE oid = 'domain_events'::regclass)
            OR COALESCE((SELECT n_mod_since_analyze > $1 FROM pg_stat_user_tables WHERE relid = 'domain_events'::regclass), true) AS stale
       FROM backlog`,
    [threshold],
  );
  const row = rows[0];
  if (!row || row.n <= threshold || !row.stale) return false;
  await db.pool.query('ANALYZE domain_events');
  return true;
}
