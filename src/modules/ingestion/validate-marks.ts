import { resolveMarkWeight } from '../forecast/index.js';
import type { IndexedRow, PreparedRows, RowError, SchoolScope, Tx } from './batch-types.js';
import { findPeriod } from './find-period.js';
import { loadMarkReferences } from './load-mark-references.js';
import { resolve } from './load-references.js';
import type { MarkRow } from './row-schemas.js';

export interface PreparedMark {
  row: MarkRow;
  studentId: string;
  subjectId: string;
  periodId: string;
  weight: number;
}

/** Resolves students, subjects and the period of each mark; weights default by kind. */
export async function validateMarks(tx: Tx, school: SchoolScope, rows: IndexedRow<MarkRow>[]): Promise<PreparedRows<PreparedMark>> {
  const { students, subjects, periods } = await loadMarkReferences(
    tx,
    school.id,
    rows.map((r) => r.row.studentExternalId),
    rows.map((r) => r.row.subjectExternalId),
  );
  const errors: RowError[] = [];
  const prepared: PreparedMark[] = [];
  for (const { index, row } of rows) {
    const student = resolve(students, 'student', row.studentExternalId, index, 'studentExternalId', errors);
    const subject = resolve(subjects, 'subject', row.subjectExternalId, index, 'subjectExternalId', errors);
    const period = findPeriod(periods, row.date);
    if (!period) errors.push({ index, field: 'date', reason: `${row.date} is outside every period of the school` });
    if (!student || !subject || !period) continue;
    const weight = resolveMarkWeight(row.kind, row.weight, school.markWeights);
    prepared.push({ row, studentId: student.id, subjectId: subject.id, periodId: period.id, weight });
  }
  return { errors, rows: prepared };
}
