import type { NewDomainEvent } from '../events/event-types.js';
import type { BatchKind, RowError } from './batch-types.js';
import { rowParser } from './field-schemas.js';
import { loadReferences, resolve } from './load-references.js';
import { recordEvents } from './record-events.js';
import { testRow, type TestRow } from './row-schemas.js';
import { countWritten, upsertByExternalId } from './upsert-by-external-id.js';

interface PreparedTest {
  row: TestRow;
  classId: string;
  subjectId: string;
  subjectName: string;
  /** The date already announced, for a test that exists. */
  previousDate: string | undefined;
}

/**
 * The контрольная schedule. A new test is announced; so is a test moved to another
 * day, since families plan around it. A changed topic alone is not news.
 */
export const testsKind: BatchKind<TestRow, PreparedTest> = {
  name: 'tests',
  parseRow: rowParser(testRow),
  keyOf: (row) => row.externalId,
  keyField: 'externalId',
  async prepare(tx, school, rows) {
    const [classes, subjects, existing] = [
      await loadReferences(tx, 'class', school.id, rows.map((r) => r.row.classExternalId)),
      await loadReferences(tx, 'subject', school.id, rows.map((r) => r.row.subjectExternalId)),
      await tx.query<{ externalId: string; date: string }>(
        'SELECT "externalId", date FROM scheduled_tests WHERE "schoolId" = $1 AND "externalId" = ANY($2::text[])',
        [school.id, rows.map((r) => r.row.externalId)],
      ),
    ];
    const previous = new Map(existing.rows.map((t) => [t.externalId, t.date]));
    const errors: RowError[] = [];
    const prepared: PreparedTest[] = [];
    for (const { index, row } of rows) {
      const cls = resolve(classes, 'class', row.classExternalId, index, 'classExternalId', errors);
      const subject = resolve(subjects, 'subject', row.subjectExternalId, index, 'subjectExternalId', errors);
      if (!cls || !subject) continue;
      prepared.push({ row, classId: cls.id, subjectId: subject.id, subjectName: subject.label, previousDate: previous.get(row.externalId) });
    }
    return { errors, rows: prepared };
  },
  async write(tx, school, rows) {
    const written = await upsertByExternalId(tx, 'scheduled_tests', school.id, rows.map((r) => r.row.externalId), [
      { name: 'classId', type: 'uuid', values: rows.map((r) => r.classId) },
      { name: 'subjectId', type: 'uuid', values: rows.map((r) => r.subjectId) },
      { name: 'date', type: 'date', values: rows.map((r) => r.row.date) },
      { name: 'topic', type: 'text', values: rows.map((r) => r.row.topic ?? null) },
    ]);
    const byExternalId = new Map(rows.map((r) => [r.row.externalId, r]));
    const events: NewDomainEvent[] = [];
    for (const w of written) {
      const r = byExternalId.get(w.externalId);
      if (!r || (!w.created && r.previousDate === r.row.date)) continue;
      events.push({
        schoolId: school.id,
        type: 'test_scheduled',
        classId: r.classId,
        entityId: w.id,
        payload: { testId: w.id, subjectId: r.subjectId, subjectName: r.subjectName, date: r.row.date, topic: r.row.topic ?? null },
      });
    }
    await recordEvents(tx, events);
    return countWritten(written);
  },
};
