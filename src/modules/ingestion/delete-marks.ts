import type { BatchKind, RowError } from './batch-types.js';
import { rowParser } from './field-schemas.js';
import { recordForecastRisks } from './record-forecast-risks.js';
import { markChanges, type WrittenRows } from './upsert-marks.js';
import { markDeletionRow, type MarkDeletionRow } from './row-schemas.js';

interface PreparedDeletion {
  id: string;
  deleted: boolean;
}

// The mark stays as a deleted row: parents who were told about it are told it was
// removed, and the forecast stops counting it.
const DELETE_MARKS = `
WITH gone AS (
  UPDATE marks m SET deleted = true, "deletedAt" = now(), "updatedAt" = now()
  WHERE m.id = ANY($2::uuid[]) AND m."schoolId" = $1::uuid AND NOT m.deleted
  RETURNING m.id, m."studentId", m."subjectId", m."periodId", m.date, m.value, m.weight, m.kind, m.comment
),
events AS (
  INSERT INTO domain_events ("schoolId", type, "studentId", "entityId", payload)
  SELECT $1::uuid, 'mark_deleted', gone."studentId", gone.id,
         jsonb_build_object('markId', gone.id, 'subjectId', gone."subjectId", 'subjectName', s.name, 'date', gone.date,
                            'value', gone.value, 'weight', gone.weight, 'kind', gone.kind, 'comment', gone.comment,
                            'previousValue', gone.value)
  FROM gone JOIN subjects s ON s."schoolId" = $1::uuid AND s.id = gone."subjectId"
)
SELECT count(*)::int AS deleted, array_agg(gone."studentId") AS "studentIds", array_agg(gone."subjectId") AS "subjectIds",
       array_agg(gone."periodId") AS "periodIds", array_agg(gone.value) AS "values", array_agg(gone.weight) AS weights
  FROM gone`;

/** DELETE /marks: a correction in the journal. Unknown ids are row errors; deleting twice changes nothing. */
export const markDeletionsKind: BatchKind<MarkDeletionRow, PreparedDeletion> = {
  name: 'mark-deletions',
  parseRow: rowParser(markDeletionRow),
  keyOf: (row) => row.externalId,
  keyField: 'externalId',
  async prepare(tx, school, rows) {
    const { rows: found } = await tx.query<{ externalId: string; id: string; deleted: boolean }>(
      'SELECT "externalId", id, deleted FROM marks WHERE "schoolId" = $1 AND "externalId" = ANY($2::text[])',
      [school.id, rows.map((r) => r.row.externalId)],
    );
    const byExternalId = new Map(found.map((m) => [m.externalId, m]));
    const errors: RowError[] = [];
    const prepared: PreparedDeletion[] = [];
    for (const { index, row } of rows) {
      const mark = byExternalId.get(row.externalId);
      if (mark) prepared.push({ id: mark.id, deleted: mark.deleted });
      else errors.push({ index, field: 'externalId', reason: `unknown mark "${row.externalId}"` });
    }
    return { errors, rows: prepared };
  },
  async write(tx, school, rows) {
    const ids = rows.filter((r) => !r.deleted).map((r) => r.id);
    if (ids.length === 0) return { created: 0, updated: 0 };
    const { rows: result } = await tx.query<{ deleted: number } & WrittenRows>(DELETE_MARKS, [
      school.id,
      ids,
    ]);
    const gone = result[0];
    if (!gone) return { created: 0, updated: 0 };
    // Removing a good mark can lower a forecast as surely as adding a bad one.
    await recordForecastRisks(tx, school.id, markChanges(gone, -1));
    return { created: 0, updated: gone.deleted };
  },
};
