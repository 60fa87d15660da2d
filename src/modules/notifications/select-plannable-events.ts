// The planner's read: the oldest unplanned events, skipping mark events whose mark is still
// inside the school's grace window (a later change of it is pending and recent).
import type pg from 'pg';
import type { DomainEventPayloads, DomainEventType } from '../events/event-types.js';

export const MARK_TYPES = ['mark_created', 'mark_changed', 'mark_deleted'];

export interface EventRow {
  id: string;
  schoolId: string;
  type: DomainEventType;
  studentId: string | null;
  classId: string | null;
  entityId: string | null;
  payload: DomainEventPayloads[DomainEventType];
  occurredAt: Date;
  timezone: string;
}

// ORDER BY ("plannedAt", id) is the (plannedAt, id) index's own order (plannedAt is NULL for
// every row here), so walking that index yields the batch without a sort and stops at the
// LIMIT. The NOT EXISTS probe matches the partial index of unplanned events on
// ("entityId", id): it reads only the pending events of that one mark.
export const PLANNABLE_EVENTS_SQL = `
  SELECT e.id::text AS id, e."schoolId", e.type, e."studentId", e."classId", e."entityId", e.payload, e."occurredAt", s.timezone
    FROM domain_events e JOIN schools s ON s.id = e."schoolId"
   WHERE e."plannedAt" IS NULL
     AND (e.type <> ALL($3::text[]) OR NOT EXISTS (
           SELECT 1 FROM domain_events later
            WHERE later."plannedAt" IS NULL AND later."entityId" = e."entityId" AND later.id >= e.id
              AND later.type = ANY($3::text[])
              AND later."occurredAt" > $1::timestamptz - make_interval(mins => s."markGraceMinutes")))
   ORDER BY e."plannedAt", e.id LIMIT $2
   FOR UPDATE OF e SKIP LOCKED`;

/**
 * Pins the plan shape for the rest of the transaction. Right after a bulk load, before
 * autovacuum has analysed domain_events, PostgreSQL believes a few hundred rows are
 * unplanned: it then bitmap-scans and sorts the whole backlog for every batch (and, with a
 * plain entityId index, AND-ed bitmaps per probe), which made each pass quadratic. Without
 * sorts and bitmaps the only plan left is the ordered index walk above, whatever the
 * statistics say.
 */
export async function pinPlannerPlan(client: Pick<pg.PoolClient, 'query'>): Promise<void> {
  // One round trip for both settings (a parameterless query may hold several statements).
  await client.query(`SET LOCAL enable_sort = off; SET LOCAL enable_bitmapscan = off`);
}

/** Locks and returns up to `limit` plannable events; call inside a transaction. */
export async function selectPlannableEvents(client: Pick<pg.PoolClient, 'query'>, now: Date, limit: number): Promise<EventRow[]> {
  await pinPlannerPlan(client);
  const { rows } = await client.query<EventRow>(PLANNABLE_EVENTS_SQL, [now, limit, MARK_TYPES]);
  // Later statements in the transaction (the outbox insert, the recipients) plan freely.
  await client.query(`RESET enable_sort; RESET enable_bitmapscan`);
  return rows;
}
