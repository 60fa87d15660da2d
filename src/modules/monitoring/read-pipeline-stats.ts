// The notification pipeline's state, read from the database, so every instance reports the
// same deployment-wide figures whichever process is asked.
import type pg from 'pg';

export interface PipelineStats {
  /** Outbox rows by channel and status. */
  outbox: Array<{ channel: string; status: string; count: number }>;
  /** Age of the oldest critical message not yet delivered (R8: the 24-hour duty), seconds; 0 when none. */
  oldestCriticalSeconds: number;
  /** Age of the oldest domain event the planner has not consumed, seconds; 0 when none. */
  plannerLagSeconds: number;
}

export async function readPipelineStats(pool: pg.Pool, now: Date = new Date()): Promise<PipelineStats> {
  const [outbox, critical, lag] = await Promise.all([
    pool.query<{ channel: string; status: string; count: number }>(
      `SELECT "channelType"::text AS channel, status::text AS status, count(*)::int AS count FROM outbox_messages GROUP BY 1, 2 ORDER BY 1, 2`,
    ),
    pool.query<{ at: Date | null }>(`SELECT min("createdAt") AS at FROM outbox_messages WHERE critical AND status IN ('queued', 'sending')`),
    // The planner reads events in id order through the (plannedAt, id) index: the first unplanned one is the oldest.
    pool.query<{ at: Date | null }>(`SELECT "occurredAt" AS at FROM domain_events WHERE "plannedAt" IS NULL ORDER BY id LIMIT 1`),
  ]);
  const age = (at: Date | null | undefined) => (at ? Math.max(0, (now.getTime() - at.getTime()) / 1000) : 0);
  return { outbox: outbox.rows, oldestCriticalSeconds: age(critical.rows[0]?.at), plannerLagSeconds: age(lag.rows[0]?.at) };
}
