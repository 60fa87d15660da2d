// The planner: consumes unplanned domain events in order and, in one transaction,
// writes the outbox rows for every guardian who should hear about them now and marks
// the events planned. Several planners may run at once: SKIP LOCKED splits the work.
import type { Database } from '../../db/open-database.js';
import type { DomainEventPayloads, DomainEventType, TimetableEventPayload } from '../events/event-types.js';
import { chooseChannels } from './choose-channels.js';
import { decideDelivery } from './decide-delivery.js';
import { foldMarkEvents, type MarkEvent } from './fold-mark-events.js';
import { insertOutbox, type NewOutboxRow } from './insert-outbox.js';
import { loadRecipients, type Recipient } from './load-recipients.js';
import { quietHoursEnd } from './quiet-hours.js';
import { KIND_BY_EVENT, type EventMessagePayload } from './types.js';
import { addDays, localDate } from '../../lib/zoned-time.js';

const HOUR_MS = 3_600_000;
/** R8: final marks and exam results reach parents within 24 hours. */
export const CRITICAL_DEADLINE_HOURS = 24;
/** Quiet hours may hold a critical message back at most this long, leaving the SLA fallback time to act. */
export const CRITICAL_LATEST_START_HOURS = 11;
const MARK_TYPES = ['mark_created', 'mark_changed', 'mark_deleted'];

interface EventRow {
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

interface Unit {
  cause: string;
  eventIds: bigint[];
  event: EventRow;
  type: DomainEventType;
  payload: DomainEventPayloads[DomainEventType];
}

export interface PlanOptions {
  now?: Date;
  batchSize?: number;
  plannerId?: string;
}

export interface PlanResult {
  events: number;
  messages: number;
}

export async function planNotifications(db: Pick<Database, 'pool'>, options: PlanOptions = {}): Promise<PlanResult> {
  const now = options.now ?? new Date();
  const client = await db.pool.connect();
  try {
    await client.query('BEGIN');
    // A mark event waits until its mark has been quiet for the school's grace window.
    const { rows: events } = await client.query<EventRow>(
      `SELECT e.id::text AS id, e."schoolId", e.type, e."studentId", e."classId", e."entityId", e.payload, e."occurredAt", s.timezone
         FROM domain_events e JOIN schools s ON s.id = e."schoolId"
        WHERE e."plannedAt" IS NULL
          AND (e.type <> ALL($3::text[]) OR NOT EXISTS (
                SELECT 1 FROM domain_events later
                 WHERE later."plannedAt" IS NULL AND later.id >= e.id AND later."entityId" = e."entityId"
                   AND later.type = ANY($3::text[])
                   AND later."occurredAt" > $1::timestamptz - make_interval(mins => s."markGraceMinutes")))
        ORDER BY e.id LIMIT $2
        FOR UPDATE OF e SKIP LOCKED`,
      [now, options.batchSize ?? 500, MARK_TYPES],
    );
    if (events.length === 0) {
      await client.query('COMMIT');
      return { events: 0, messages: 0 };
    }
    const units = await buildUnits(client, events);
    const recipients = await loadRecipients(
      client,
      [...new Set(units.flatMap((u) => (u.event.studentId ? [u.event.studentId] : [])))],
      [...new Set(units.flatMap((u) => (!u.event.studentId && u.event.classId ? [u.event.classId] : [])))],
    );
    const rows = units.flatMap((unit) => rowsForUnit(unit, recipients, now));
    const messages = await insertOutbox(client, rows);
    const allIds = units.flatMap((u) => u.eventIds.map(String));
    await client.query(`UPDATE domain_events SET "plannedAt" = $2, "consumedBy" = $3 WHERE id = ANY($1::bigint[])`, [
      allIds,
      now,
      options.plannerId ?? 'planner',
    ]);
    await client.query('COMMIT');
    return { events: allIds.length, messages };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function buildUnits(client: import('pg').PoolClient, events: EventRow[]): Promise<Unit[]> {
  const units: Unit[] = [];
  const markGroups = new Map<string, EventRow[]>();
  for (const event of events) {
    if (MARK_TYPES.includes(event.type) && event.entityId) {
      const group = markGroups.get(event.entityId) ?? [];
      group.push(event);
      markGroups.set(event.entityId, group);
    } else {
      units.push({ cause: `event:${event.id}`, eventIds: [BigInt(event.id)], event, type: event.type, payload: event.payload });
    }
  }
  if (markGroups.size > 0) {
    // Changes of the same mark beyond this batch's limit belong to the same message.
    const batchIds = events.map((e) => e.id);
    const { rows: more } = await client.query<EventRow>(
      `SELECT e.id::text AS id, e."schoolId", e.type, e."studentId", e."classId", e."entityId", e.payload, e."occurredAt", ''::text AS timezone
         FROM domain_events e
        WHERE e."plannedAt" IS NULL AND e."entityId" = ANY($1::uuid[]) AND e.type = ANY($2::text[]) AND e.id <> ALL($3::bigint[])
        ORDER BY e.id FOR UPDATE SKIP LOCKED`,
      [[...markGroups.keys()], MARK_TYPES, batchIds],
    );
    for (const event of more) markGroups.get(event.entityId ?? '')?.push(event);
    for (const group of markGroups.values()) {
      group.sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)));
      const last = group[group.length - 1] as EventRow;
      const folded = foldMarkEvents(group.map((e) => ({ id: BigInt(e.id), type: e.type, payload: e.payload }) as MarkEvent));
      const eventIds = group.map((e) => BigInt(e.id));
      const timezone = group[0]?.timezone || last.timezone;
      units.push({
        cause: `event:${last.id}`,
        eventIds,
        event: { ...last, timezone },
        // A change that cancels itself out still consumes its events, with no message.
        type: folded?.type ?? 'holiday_created',
        payload: folded?.payload ?? last.payload,
      });
    }
  }
  return units;
}

function isSoon(payload: TimetableEventPayload, now: Date, timeZone: string): boolean {
  const today = localDate(now, timeZone);
  const days = [today, addDays(today, 1)];
  return days.includes(payload.date) || (payload.newDate != null && days.includes(payload.newDate));
}

function rowsForUnit(unit: Unit, recipients: Recipient[], now: Date): NewOutboxRow[] {
  const kind = KIND_BY_EVENT[unit.type];
  if (!kind) return [];
  const { event } = unit;
  const targets = recipients.filter((r) =>
    event.studentId ? r.studentId === event.studentId : event.classId !== null && r.classId === event.classId,
  );
  const seen = new Set<string>();
  const rows: NewOutboxRow[] = [];
  const soon = unit.type === 'timetable_changed' && isSoon(unit.payload as TimetableEventPayload, now, event.timezone);
  for (const r of targets) {
    if (seen.has(r.guardianId)) continue;
    seen.add(r.guardianId);
    const decision = decideDelivery(unit.type, r, soon);
    if (!decision.instant) continue;
    const quietEnd = quietHoursEnd(now, r.quietFrom, r.quietTo, event.timezone);
    let nextAttemptAt = quietEnd ?? now;
    let deadlineAt: Date | null = null;
    if (decision.critical) {
      deadlineAt = new Date(event.occurredAt.getTime() + CRITICAL_DEADLINE_HOURS * HOUR_MS);
      const latest = new Date(event.occurredAt.getTime() + CRITICAL_LATEST_START_HOURS * HOUR_MS);
      if (nextAttemptAt > latest) nextAttemptAt = latest < now ? now : latest;
    }
    const payload: EventMessagePayload = {
      cause: unit.cause,
      lang: r.lang,
      studentName: r.studentName,
      eventType: unit.type,
      data: unit.payload,
      occurredAt: event.occurredAt.toISOString(),
    };
    for (const channel of chooseChannels(r.channels)) {
      rows.push({
        schoolId: event.schoolId,
        guardianId: r.guardianId,
        channelId: channel.channelId,
        channelType: channel.type,
        kind,
        critical: decision.critical,
        payload,
        nextAttemptAt,
        deadlineAt,
        eventIds: unit.eventIds,
      });
    }
  }
  return rows;
}
