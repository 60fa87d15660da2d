// Domain events for the notification planner, inserted with the rows that caused them
// (the caller's transaction), in one statement per batch.
import { DOMAIN_EVENTS_CHANNEL, type NewDomainEvent } from '../events/event-types.js';
import type { Tx } from './batch-types.js';

export async function recordEvents(tx: Tx, events: NewDomainEvent[]): Promise<void> {
  if (events.length === 0) return;
  await tx.query(
    `INSERT INTO domain_events ("schoolId", type, "studentId", "classId", "entityId", payload)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::uuid[], $6::jsonb[])`,
    [
      events.map((e) => e.schoolId),
      events.map((e) => e.type),
      events.map((e) => e.studentId ?? null),
      events.map((e) => e.classId ?? null),
      events.map((e) => e.entityId ?? null),
      events.map((e) => JSON.stringify(e.payload)),
    ],
  );
  // Delivered on commit, and only once however many batches the transaction records.
  await tx.query(`SELECT pg_notify($1, '')`, [DOMAIN_EVENTS_CHANNEL]);
}
