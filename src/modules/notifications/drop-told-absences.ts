// A lesson is missed once, however many journal rows say so: some e-journals send an «н»
// for a lesson again under a new id (a lesson re-entered, a second teacher's entry). Only
// the first row of a lesson's absence is news; the rest become units with nothing to tell.
import type pg from 'pg';
import type { MarkEventPayload } from '../events/event-types.js';
import type { Unit } from './build-plan-units.js';
import { classifyAbsence } from './classify-absence.js';

const EARLIER_ABSENCE_SQL = `
  SELECT u."markId" FROM unnest($1::uuid[], $2::uuid[]) AS u("markId", "schoolId")
    JOIN marks self ON self."schoolId" = u."schoolId" AND self.id = u."markId"
   WHERE EXISTS (SELECT 1 FROM marks m
                  WHERE m."schoolId" = self."schoolId" AND m."studentId" = self."studentId" AND m."subjectId" = self."subjectId" AND m.date = self.date
                    AND NOT m.deleted AND lower(btrim(m.value)) = 'н' AND (m."createdAt", m.id) < (self."createdAt", self.id))`;

export async function dropToldAbsences(client: Pick<pg.PoolClient, 'query'>, units: Unit[]): Promise<Unit[]> {
  const absences = units.filter((u) => u.message && classifyAbsence(u.message.type, u.message.payload) === 'new');
  if (absences.length === 0) return units;
  const ids = absences.map((u) => (u.message!.payload as MarkEventPayload).markId);
  const { rows } = await client.query<{ markId: string }>(EARLIER_ABSENCE_SQL, [ids, absences.map((u) => u.event.schoolId)]);
  if (rows.length === 0) return units;
  const told = new Set(rows.map((r) => r.markId));
  return units.map((u) => (u.message && told.has((u.message.payload as MarkEventPayload).markId) && absences.includes(u) ? { ...u, message: null } : u));
}
