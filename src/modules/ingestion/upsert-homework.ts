import type { NewDomainEvent } from '../events/event-types.js';
import type { BatchKind, RowError } from './batch-types.js';
import { rowParser } from './field-schemas.js';
import { loadReferences, resolve } from './load-references.js';
import { recordEvents } from './record-events.js';
import { homeworkRow, type HomeworkRow } from './row-schemas.js';
import { countWritten, upsertByExternalId } from './upsert-by-external-id.js';

interface PreparedHomework {
  row: HomeworkRow;
  classId: string;
  subjectId: string;
  subjectName: string;
}

/** Homework for a class. Only new homework is announced; edits update what the bot shows. */
export const homeworkKind: BatchKind<HomeworkRow, PreparedHomework> = {
  name: 'homework',
  parseRow: rowParser(homeworkRow),
  keyOf: (row) => row.externalId,
  keyField: 'externalId',
  async prepare(tx, school, rows) {
    const [classes, subjects] = [
      await loadReferences(tx, 'class', school.id, rows.map((r) => r.row.classExternalId)),
      await loadReferences(tx, 'subject', school.id, rows.map((r) => r.row.subjectExternalId)),
    ];
    const errors: RowError[] = [];
    const prepared: PreparedHomework[] = [];
    for (const { index, row } of rows) {
      const cls = resolve(classes, 'class', row.classExternalId, index, 'classExternalId', errors);
      const subject = resolve(subjects, 'subject', row.subjectExternalId, index, 'subjectExternalId', errors);
      if (cls && subject) prepared.push({ row, classId: cls.id, subjectId: subject.id, subjectName: subject.label });
    }
    return { errors, rows: prepared };
  },
  async write(tx, school, rows) {
    const written = await upsertByExternalId(tx, 'homework', school.id, rows.map((r) => r.row.externalId), [
      { name: 'classId', type: 'uuid', values: rows.map((r) => r.classId) },
      { name: 'subjectId', type: 'uuid', values: rows.map((r) => r.subjectId) },
      { name: 'dueOn', type: 'date', values: rows.map((r) => r.row.dueOn) },
      { name: 'text', type: 'text', values: rows.map((r) => r.row.text) },
    ]);
    const byExternalId = new Map(rows.map((r) => [r.row.externalId, r]));
    const events: NewDomainEvent[] = [];
    for (const w of written) {
      const r = byExternalId.get(w.externalId);
      if (!r || !w.created) continue;
      events.push({
        schoolId: school.id,
        type: 'homework_created',
        classId: r.classId,
        entityId: w.id,
        payload: { homeworkId: w.id, subjectId: r.subjectId, subjectName: r.subjectName, dueOn: r.row.dueOn, text: r.row.text },
      });
    }
    await recordEvents(tx, events);
    return countWritten(written);
  },
};
