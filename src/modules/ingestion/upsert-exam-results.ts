import type { NewDomainEvent } from '../events/event-types.js';
import type { BatchKind, RowError } from './batch-types.js';
import { rowParser } from './field-schemas.js';
import { loadReferences, resolve } from './load-references.js';
import { recordEvents } from './record-events.js';
import { examResultRow, type ExamResultRow } from './row-schemas.js';
import { countWritten, upsertByExternalId } from './upsert-by-external-id.js';

interface PreparedExamResult {
  row: ExamResultRow;
  studentId: string;
}

/** Exam results reach parents within 24 hours (R8): a new or corrected result is an event. */
export const examResultsKind: BatchKind<ExamResultRow, PreparedExamResult> = {
  name: 'exam-results',
  parseRow: rowParser(examResultRow),
  keyOf: (row) => row.externalId,
  keyField: 'externalId',
  async prepare(tx, school, rows) {
    const students = await loadReferences(tx, 'student', school.id, rows.map((r) => r.row.studentExternalId));
    const errors: RowError[] = [];
    const prepared: PreparedExamResult[] = [];
    for (const { index, row } of rows) {
      const student = resolve(students, 'student', row.studentExternalId, index, 'studentExternalId', errors);
      if (student) prepared.push({ row, studentId: student.id });
    }
    return { errors, rows: prepared };
  },
  async write(tx, school, rows) {
    const written = await upsertByExternalId(tx, 'exam_results', school.id, rows.map((r) => r.row.externalId), [
      { name: 'studentId', type: 'uuid', values: rows.map((r) => r.studentId) },
      { name: 'name', type: 'text', values: rows.map((r) => r.row.name) },
      { name: 'date', type: 'date', values: rows.map((r) => r.row.date) },
      { name: 'score', type: 'float8', values: rows.map((r) => r.row.score ?? null) },
      { name: 'maxScore', type: 'float8', values: rows.map((r) => r.row.maxScore ?? null) },
      { name: 'mark', type: 'text', values: rows.map((r) => r.row.mark ?? null) },
    ]);
    const byExternalId = new Map(rows.map((r) => [r.row.externalId, r]));
    const events: NewDomainEvent[] = [];
    for (const w of written) {
      const r = byExternalId.get(w.externalId);
      if (!r) continue;
      events.push({
        schoolId: school.id,
        type: 'exam_result',
        studentId: r.studentId,
        entityId: w.id,
        payload: {
          examResultId: w.id,
          name: r.row.name,
          date: r.row.date,
          score: r.row.score ?? null,
          maxScore: r.row.maxScore ?? null,
          mark: r.row.mark ?? null,
        },
      });
    }
    await recordEvents(tx, events);
    return countWritten(written);
  },
};
