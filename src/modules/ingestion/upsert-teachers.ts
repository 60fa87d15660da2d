import type { BatchKind } from './batch-types.js';
import { rowParser } from './field-schemas.js';
import { teacherRow, type TeacherRow } from './row-schemas.js';
import { countWritten, upsertByExternalId } from './upsert-by-external-id.js';

/** Roster section: teachers (before classes, which name their class teacher). */
export const teachersKind: BatchKind<TeacherRow, TeacherRow> = {
  name: 'teachers',
  parseRow: rowParser(teacherRow),
  keyOf: (row) => row.externalId,
  keyField: 'externalId',
  async prepare(_tx, _school, rows) {
    return { errors: [], rows: rows.map((r) => r.row) };
  },
  async write(tx, school, rows) {
    const written = await upsertByExternalId(tx, 'teachers', school.id, rows.map((r) => r.externalId), [
      { name: 'fullName', type: 'text', values: rows.map((r) => r.fullName) },
      { name: 'email', type: 'text', values: rows.map((r) => r.email ?? null) },
    ]);
    return countWritten(written);
  },
};
