import type { NewDomainEvent } from '../events/event-types.js';
import type { BatchKind, RowError } from './batch-types.js';
import { rowParser } from './field-schemas.js';
import { loadReferences, resolve } from './load-references.js';
import { recordEvents } from './record-events.js';
import { recommendationRow, type RecommendationRow } from './row-schemas.js';
import { countWritten, upsertByExternalId } from './upsert-by-external-id.js';

interface PreparedRecommendation {
  row: RecommendationRow;
  studentId: string;
  teacherId: string;
  teacherName: string;
}

/** A teacher's note to a family; new ones are announced, edits only update the text. */
export const recommendationsKind: BatchKind<RecommendationRow, PreparedRecommendation> = {
  name: 'recommendations',
  parseRow: rowParser(recommendationRow),
  keyOf: (row) => row.externalId,
  keyField: 'externalId',
  async prepare(tx, school, rows) {
    const [students, teachers] = [
      await loadReferences(tx, 'student', school.id, rows.map((r) => r.row.studentExternalId)),
      await loadReferences(tx, 'teacher', school.id, rows.map((r) => r.row.teacherExternalId)),
    ];
    const errors: RowError[] = [];
    const prepared: PreparedRecommendation[] = [];
    for (const { index, row } of rows) {
      const student = resolve(students, 'student', row.studentExternalId, index, 'studentExternalId', errors);
      const teacher = resolve(teachers, 'teacher', row.teacherExternalId, index, 'teacherExternalId', errors);
      if (student && teacher) prepared.push({ row, studentId: student.id, teacherId: teacher.id, teacherName: teacher.label });
    }
    return { errors, rows: prepared };
  },
  async write(tx, school, rows) {
    const written = await upsertByExternalId(tx, 'recommendations', school.id, rows.map((r) => r.row.externalId), [
      { name: 'studentId', type: 'uuid', values: rows.map((r) => r.studentId) },
      { name: 'teacherId', type: 'uuid', values: rows.map((r) => r.teacherId) },
      { name: 'date', type: 'date', values: rows.map((r) => r.row.date) },
      { name: 'text', type: 'text', values: rows.map((r) => r.row.text) },
    ]);
    const byExternalId = new Map(rows.map((r) => [r.row.externalId, r]));
    const events: NewDomainEvent[] = [];
    for (const w of written) {
      const r = byExternalId.get(w.externalId);
      if (!r || !w.created) continue;
      events.push({
        schoolId: school.id,
        type: 'recommendation_created',
        studentId: r.studentId,
        entityId: w.id,
        payload: { recommendationId: w.id, teacherName: r.teacherName, date: r.row.date, text: r.row.text },
      });
    }
    await recordEvents(tx, events);
    return countWritten(written);
  },
};
