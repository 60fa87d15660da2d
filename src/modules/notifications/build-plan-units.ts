// Groups a batch of events into units, one message cause each: every non-mark event on its
// own, and all pending changes of one mark folded into its final form.
import type pg from 'pg';
import type { DomainEventPayloads, DomainEventType } from '../events/event-types.js';
import { dropToldAbsences } from './drop-told-absences.js';
import { foldMarkEvents, type MarkEvent } from './fold-mark-events.js';
import { MARK_TYPES, type EventRow } from './select-plannable-events.js';

export interface Unit {
  cause: string;
  eventIds: bigint[];
  event: EventRow;
  /**
   * What parents should hear, or null when there is nothing to tell: a mark created and
   * deleted, or changed back, inside the grace window. Its events are consumed all the same.
   */
  message: { type: DomainEventType; payload: DomainEventPayloads[DomainEventType] } | null;
}

/**
 * One probe of the partial index of unplanned events per mark. The plain form
 * (`"entityId" = ANY(…)`) was planned, on a table without statistics, as a scan of the
 * whole backlog for every batch. Groups are sorted by id below, so no ORDER BY here.
 */
export const PENDING_CHANGES_SQL = `
  SELECT e.id::text AS id, e."schoolId", e.type, e."studentId", e."classId", e."entityId", e.payload, e."occurredAt", ''::text AS timezone
    FROM unnest($1::uuid[]) AS mark("entityId")
    CROSS JOIN LATERAL (
      SELECT * FROM domain_events e
       WHERE e."plannedAt" IS NULL AND e."entityId" = mark."entityId" AND e.type = ANY($2::text[]) AND e.id <> ALL($3::bigint[])
       FOR UPDATE SKIP LOCKED) e`;

export async function buildPlanUnits(client: Pick<pg.PoolClient, 'query'>, events: EventRow[]): Promise<Unit[]> {
  const units: Unit[] = [];
  const markGroups = new Map<string, EventRow[]>();
  for (const event of events) {
    if (MARK_TYPES.includes(event.type) && event.entityId) {
      const group = markGroups.get(event.entityId) ?? [];
      group.push(event);
      markGroups.set(event.entityId, group);
    } else {
      units.push({ cause: `event:${event.id}`, eventIds: [BigInt(event.id)], event, message: { type: event.type, payload: event.payload } });
    }
  }
  if (markGroups.size === 0) return units;
  // Changes of the same mark beyond this batch's limit belong to the same message.
  const batchIds = events.map((e) => e.id);
  const { rows: more } = await client.query<EventRow>(PENDING_CHANGES_SQL, [[...markGroups.keys()], MARK_TYPES, batchIds]);
  for (const event of more) markGroups.get(event.entityId ?? '')?.push(event);
  for (const group of markGroups.values()) {
    group.sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)));
    const last = group[group.length - 1] as EventRow;
    const folded = foldMarkEvents(group.map((e) => ({ id: BigInt(e.id), type: e.type, payload: e.payload }) as MarkEvent));
    units.push({
      cause: `event:${last.id}`,
      eventIds: group.map((e) => BigInt(e.id)),
      event: { ...last, timezone: group[0]?.timezone || last.timezone },
      message: folded ?? null,
    });
  }
  return dropToldAbsences(client, units);
}
