import type { BatchKind, RowError } from './batch-types.js';
import { rowParser } from './field-schemas.js';
import { loadReferences, resolve } from './load-references.js';
import { studentRow, type StudentRow } from './row-schemas.js';
import { countWritten, upsertByExternalId } from './upsert-by-external-id.js';

interface PreparedStudent {
  row: StudentRow;
  classId: string;
}

/** Roster section: students; a changed class moves the student. */
export const studentsKind: BatchKind<StudentRow, PreparedStudent> = {
  name: 'students',
  parseRow: rowParser(studentRow),
  keyOf: (row) => row.externalId,
  keyField: 'externalId',
  async prepare(tx, school, rows) {
    const classes = await loadReferences(tx, 'class', school.id, rows.map((r) => r.row.classExternalId));
    const errors: RowError[] = [];
    const prepared: PreparedStudent[] = [];
    for (const { index, row } of rows) {
      const found = resolve(classes, 'class', row.classExternalId, index, 'classExternalId', errors);
      if (found) prepared.push({ row, classId: found.id });
    }
    return { errors, rows: prepared };
  },
  async write(tx, school, rows) {
    const written = await upsertByExternalId(tx, 'students', school.id, rows.map((r) => r.row.externalId), [
      { name: 'fullName', type: 'text', values: rows.map((r) => r.row.fullName) },
      { name: 'classId', type: 'uuid', values: rows.map((r) => r.classId) },
    ]);
    return countWritten(written);
  },
};
