import type { BatchKind } from './batch-types.js';
import { rowParser } from './field-schemas.js';
import { subjectRow, type SubjectRow } from './row-schemas.js';
import { countWritten, upsertByExternalId } from './upsert-by-external-id.js';

/** Roster section: subjects. */
export const subjectsKind: BatchKind<SubjectRow, SubjectRow> = {
  name: 'subjects',
  parseRow: rowParser(subjectRow),
  keyOf: (row) => row.externalId,
  keyField: 'externalId',
  async prepare(_tx, _school, rows) {
    return { errors: [], rows: rows.map((r) => r.row) };
  },
  async write(tx, school, rows) {
    const written = await upsertByExternalId(tx, 'subjects', school.id, rows.map((r) => r.externalId), [
      { name: 'name', type: 'text', values: rows.map((r) => r.name) },
    ]);
    return countWritten(written);
  },
};
