import type { NewDomainEvent } from '../events/event-types.js';
import type { BatchKind, RowError } from './batch-types.js';
import { rowParser } from './field-schemas.js';
import { loadReferences } from './load-references.js';
import { recordEvents } from './record-events.js';
import { holidayRow, type HolidayRow } from './row-schemas.js';
import { countWritten, upsertByExternalId } from './upsert-by-external-id.js';

interface PreparedHoliday {
  row: HolidayRow;
  /** Sorted, so the same classes in another order are not a change. Empty: the whole school. */
  classIds: string[];
}

/** Holidays for the whole school or some classes; a new one is announced to those classes. */
export const holidaysKind: BatchKind<HolidayRow, PreparedHoliday> = {
  name: 'holidays',
  parseRow: rowParser(holidayRow),
  keyOf: (row) => row.externalId,
  keyField: 'externalId',
  async prepare(tx, school, rows) {
    const classes = await loadReferences(tx, 'class', school.id, rows.flatMap((r) => r.row.classExternalIds ?? []));
    const errors: RowError[] = [];
    const prepared: PreparedHoliday[] = [];
    for (const { index, row } of rows) {
      const ids = new Set<string>();
      let ok = true;
      (row.classExternalIds ?? []).forEach((externalId, position) => {
        const found = classes.get(externalId);
        if (found) ids.add(found.id);
        else {
          ok = false;
          errors.push({ index, field: `classExternalIds.${position}`, reason: `unknown class "${externalId}"` });
        }
      });
      if (ok) prepared.push({ row, classIds: [...ids].sort() });
    }
    return { errors, rows: prepared };
  },
  async write(tx, school, rows) {
    const written = await upsertByExternalId(tx, 'holidays', school.id, rows.map((r) => r.row.externalId), [
      { name: 'name', type: 'text', values: rows.map((r) => r.row.name) },
      { name: 'startsOn', type: 'date', values: rows.map((r) => r.row.startsOn) },
      { name: 'endsOn', type: 'date', values: rows.map((r) => r.row.endsOn) },
      // unnest flattens nested arrays, so each row's list travels as an array literal.
      { name: 'classIds', type: 'text', cast: 'uuid[]', values: rows.map((r) => `{${r.classIds.join(',')}}`) },
    ]);
    const byExternalId = new Map(rows.map((r) => [r.row.externalId, r]));
    const events: NewDomainEvent[] = [];
    for (const w of written) {
      const r = byExternalId.get(w.externalId);
      if (!r || !w.created) continue;
      const payload = { holidayId: w.id, name: r.row.name, startsOn: r.row.startsOn, endsOn: r.row.endsOn };
      const targets = r.classIds.length > 0 ? r.classIds : [null];
      for (const classId of targets) events.push({ schoolId: school.id, type: 'holiday_created', classId, entityId: w.id, payload });
    }
    await recordEvents(tx, events);
    return countWritten(written);
  },
};
