import type { FinalMarkEventPayload, NewDomainEvent } from '../events/event-types.js';
import type { BatchKind, RowError } from './batch-types.js';
import { rowParser } from './field-schemas.js';
import { loadReferences, resolve } from './load-references.js';
import { recordEvents } from './record-events.js';
import { finalMarkRow, type FinalMarkRow } from './row-schemas.js';

interface PreparedFinalMark {
  row: FinalMarkRow;
  studentId: string;
  subjectId: string;
  subjectName: string;
  periodId: string;
  periodName: string;
}

// Final marks have no externalId: a student has one per subject and period. A changed
// status, value, date or reason is published again (R8: parents learn it within 24 hours).
const UPSERT_FINAL_MARKS = `
INSERT INTO final_marks AS f ("schoolId", "studentId", "subjectId", "periodId", status, value, "deferredUntil", reason, "updatedAt")
SELECT $1::uuid, u.*, now()
FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::"FinalMarkStatus"[], $6::text[], $7::date[], $8::text[])
  AS u("studentId", "subjectId", "periodId", status, value, "deferredUntil", reason)
ON CONFLICT ("schoolId", "studentId", "subjectId", "periodId") DO UPDATE
  SET status = EXCLUDED.status, value = EXCLUDED.value, "deferredUntil" = EXCLUDED."deferredUntil",
      reason = EXCLUDED.reason, "publishedAt" = now(), "updatedAt" = now()
  WHERE (f.status, f.value, f."deferredUntil", f.reason)
    IS DISTINCT FROM (EXCLUDED.status, EXCLUDED.value, EXCLUDED."deferredUntil", EXCLUDED.reason)
RETURNING f.id, f."studentId", f."subjectId", f."periodId", (f.xmax = 0) AS created`;

export const finalMarksKind: BatchKind<FinalMarkRow, PreparedFinalMark> = {
  name: 'final-marks',
  parseRow: rowParser(finalMarkRow),
  keyOf: (row) => [row.studentExternalId, row.subjectExternalId, row.periodExternalId].join('\u0000'),
  keyField: 'studentExternalId+subjectExternalId+periodExternalId',
  async prepare(tx, school, rows) {
    const [students, subjects, periods] = [
      await loadReferences(tx, 'student', school.id, rows.map((r) => r.row.studentExternalId)),
      await loadReferences(tx, 'subject', school.id, rows.map((r) => r.row.subjectExternalId)),
      await loadReferences(tx, 'period', school.id, rows.map((r) => r.row.periodExternalId)),
    ];
    const errors: RowError[] = [];
    const prepared: PreparedFinalMark[] = [];
    for (const { index, row } of rows) {
      const student = resolve(students, 'student', row.studentExternalId, index, 'studentExternalId', errors);
      const subject = resolve(subjects, 'subject', row.subjectExternalId, index, 'subjectExternalId', errors);
      const period = resolve(periods, 'period', row.periodExternalId, index, 'periodExternalId', errors);
      if (!student || !subject || !period) continue;
      prepared.push({ row, studentId: student.id, subjectId: subject.id, subjectName: subject.label, periodId: period.id, periodName: period.label });
    }
    return { errors, rows: prepared };
  },
  async write(tx, school, rows) {
    if (rows.length === 0) return { created: 0, updated: 0 };
    const { rows: written } = await tx.query<{ id: string; studentId: string; subjectId: string; periodId: string; created: boolean }>(
      UPSERT_FINAL_MARKS,
      [
        school.id,
        rows.map((r) => r.studentId),
        rows.map((r) => r.subjectId),
        rows.map((r) => r.periodId),
        rows.map((r) => r.row.status),
        rows.map((r) => r.row.value ?? null),
        rows.map((r) => r.row.deferredUntil ?? null),
        rows.map((r) => r.row.reason ?? null),
      ],
    );
    const byKey = new Map(rows.map((r) => [`${r.studentId}/${r.subjectId}/${r.periodId}`, r]));
    const events: NewDomainEvent[] = [];
    for (const w of written) {
      const r = byKey.get(`${w.studentId}/${w.subjectId}/${w.periodId}`);
      if (!r) continue;
      const payload: FinalMarkEventPayload = {
        finalMarkId: w.id,
        subjectId: r.subjectId,
        subjectName: r.subjectName,
        periodId: r.periodId,
        periodName: r.periodName,
        value: r.row.value ?? null,
        deferredUntil: r.row.deferredUntil ?? null,
        reason: r.row.reason ?? null,
      };
      const type = r.row.status === 'final' ? 'final_mark_published' : 'final_mark_deferred';
      events.push({ schoolId: school.id, type, studentId: r.studentId, entityId: w.id, payload });
    }
    await recordEvents(tx, events);
    const created = written.filter((w) => w.created).length;
    return { created, updated: written.length - created };
  },
};
