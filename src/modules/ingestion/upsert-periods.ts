import type { BatchKind } from './batch-types.js';
import { rowParser } from './field-schemas.js';
import { periodRow, type PeriodRow } from './row-schemas.js';
import { countWritten, upsertByExternalId } from './upsert-by-external-id.js';

/** Roster section: academic periods. Marks find their period by date, so periods come first. */
export const periodsKind: BatchKind<PeriodRow, PeriodRow> = {
  name: 'periods',
  parseRow: rowParser(periodRow),
  keyOf: (row) => row.externalId,
  keyField: 'externalId',
  async prepare(_tx, _school, rows) {
    return { errors: [], rows: rows.map((r) => r.row) };
  },
  async write(tx, school, rows) {
    const written = await upsertByExternalId(tx, 'academic_periods', school.id, rows.map((r) => r.externalId), [
      { name: 'name', type: 'text', values: rows.map((r) => r.name) },
      { name: 'kind', type: '"PeriodKind"', values: rows.map((r) => r.kind) },
      { name: 'startsOn', type: 'date', values: rows.map((r) => r.startsOn) },
      { name: 'endsOn', type: 'date', values: rows.map((r) => r.endsOn) },
    ]);
    return countWritten(written);
  },
};
