// The planner: consumes unplanned domain events in order and, in one transaction,
// writes the outbox rows for every guardian who should hear about them now and marks
// the events planned. Several planners may run at once: SKIP LOCKED splits the work.
import type { Database } from '../../db/open-database.js';
import type { TimetableEventPayload } from '../events/event-types.js';
import { buildPlanUnits, type Unit } from './build-plan-units.js';
import { chooseChannels } from './choose-channels.js';
import { classifyAbsence, type AbsenceNews } from './classify-absence.js';
import { decideDelivery, instantCombinations } from './decide-delivery.js';
import { insertOutbox, type NewOutboxRow } from './insert-outbox.js';
import { loadRecipients, type Recipient, type WantedGuardians } from './load-recipients.js';
import { quietHoursEnd } from './quiet-hours.js';
import { selectPlannableEvents } from './select-plannable-events.js';
import { KIND_BY_EVENT, type EventMessagePayload, type MessageKind } from './types.js';
import { addDays, localDate } from '../../lib/zoned-time.js';

const HOUR_MS = 3_600_000;
/** R8: final marks and exam results reach parents within 24 hours. */
export const CRITICAL_DEADLINE_HOURS = 24;
/** Quiet hours may hold a critical message back at most this long, leaving the SLA fallback time to act. */
export const CRITICAL_LATEST_START_HOURS = 11;

export interface PlanOptions {
  now?: Date;
  batchSize?: number;
  plannerId?: string;
}

export interface PlanResult {
  events: number;
  messages: number;
  /** Marks whose changes inside the grace window cancelled out: consumed, nothing to send. */
  cancelledOut: number;
}

export async function planNotifications(db: Pick<Database, 'pool'>, options: PlanOptions = {}): Promise<PlanResult> {
  const now = options.now ?? new Date();
  const client = await db.pool.connect();
  try {
    await client.query('BEGIN');
    const events = await selectPlannableEvents(client, now, options.batchSize ?? 500);
    if (events.length === 0) {
      await client.query('COMMIT');
      return { events: 0, messages: 0, cancelledOut: 0 };
    }
    const units = await buildPlanUnits(client, events);
    const intents = units.map((unit) => intentOf(unit, now));
    const reach = indexRecipients(await loadRecipients(client, wantedGuardians(intents, 'student'), wantedGuardians(intents, 'class')));
    const rows = intents.flatMap((intent) => rowsForUnit(intent, reach, now));
    const messages = await insertOutbox(client, rows);
    const allIds = units.flatMap((u) => u.eventIds.map(String));
    // By (schoolId, id), the primary key: the school is part of every key once sharded by it.
    const schoolIds = units.flatMap((u) => u.eventIds.map(() => u.event.schoolId));
    await client.query(
      `UPDATE domain_events e SET "plannedAt" = $2, "consumedBy" = $3
         FROM unnest($4::uuid[], $1::bigint[]) AS d("schoolId", id) WHERE e."schoolId" = d."schoolId" AND e.id = d.id`,
      [allIds, now, options.plannerId ?? 'planner', schoolIds],
    );
    await client.query('COMMIT');
    return { events: allIds.length, messages, cancelledOut: units.filter((u) => u.message === null).length };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

function isSoon(payload: TimetableEventPayload, now: Date, timeZone: string): boolean {
  const today = localDate(now, timeZone);
  const days = [today, addDays(today, 1)];
  return days.includes(payload.date) || (payload.newDate != null && days.includes(payload.newDate));
}

interface RecipientIndex {
  byStudent: Map<string, Recipient[]>;
  byClass: Map<string, Recipient[]>;
}

/** The batch's recipients by student and by class, in their loaded order: one pass, not one per event. */
function indexRecipients(recipients: readonly Recipient[]): RecipientIndex {
  const index: RecipientIndex = { byStudent: new Map(), byClass: new Map() };
  const add = (map: Map<string, Recipient[]>, key: string, r: Recipient) => {
    const list = map.get(key);
    if (list) list.push(r);
    else map.set(key, [r]);
  };
  for (const r of recipients) {
    add(index.byStudent, r.studentId, r);
    add(index.byClass, r.classId, r);
  }
  return index;
}

/** What a unit would send, worked out before anyone is loaded: nothing, or a kind and who may want it now. */
interface Intent {
  unit: Unit;
  kind?: MessageKind;
  absence?: AbsenceNews;
  soon: boolean;
  /** instantCombinations: the preference combinations that get it now (0: nobody). */
  combinations: number;
}

function intentOf(unit: Unit, now: Date): Intent {
  const { event, message } = unit;
  if (!message) return { unit, soon: false, combinations: 0 };
  const absence = classifyAbsence(message.type, message.payload);
  const kind = absence === 'new' ? 'absence' : KIND_BY_EVENT[message.type];
  if (!kind) return { unit, soon: false, combinations: 0 };
  const soon = message.type === 'timetable_changed' && isSoon(message.payload as TimetableEventPayload, now, event.timezone);
  return { unit, kind, absence, soon, combinations: instantCombinations(message.type, soon, absence) };
}

/** Students (or, for class events, classes) with the combinations their guardians are wanted for. */
function wantedGuardians(intents: readonly Intent[], by: 'student' | 'class'): WantedGuardians {
  const wanted = new Map<string, number>();
  for (const { unit, combinations } of intents) {
    if (combinations === 0) continue;
    const id = by === 'student' ? unit.event.studentId : unit.event.studentId ? null : unit.event.classId;
    if (id) wanted.set(id, orCombinations(wanted.get(id) ?? 0, combinations));
  }
  return wanted;
}

// The masks use all 32 bits, past JavaScript's signed 32-bit operators.
const orCombinations = (a: number, b: number) => Number(BigInt(a) | BigInt(b));

function rowsForUnit(intent: Intent, reach: RecipientIndex, now: Date): NewOutboxRow[] {
  const { unit, kind, absence, soon } = intent;
  const { event, message } = unit;
  if (!message || !kind || intent.combinations === 0) return [];
  const targets = (event.studentId ? reach.byStudent.get(event.studentId) : event.classId !== null ? reach.byClass.get(event.classId) : undefined) ?? [];
  const seen = new Set<string>();
  const rows: NewOutboxRow[] = [];
  for (const r of targets) {
    if (seen.has(r.guardianId)) continue;
    seen.add(r.guardianId);
    const decision = decideDelivery(message.type, r, soon, absence);
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
      schoolName: r.schoolName,
      eventType: message.type,
      data: message.payload,
      occurredAt: event.occurredAt.toISOString(),
    };
    for (const channel of chooseChannels(r.channels, { critical: decision.critical })) {
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
