import type { NewDomainEvent } from '../events/event-types.js';
import type { BatchKind, RowError } from './batch-types.js';
import { rowParser } from './field-schemas.js';
import { loadReferences, resolve } from './load-references.js';
import { recordEvents } from './record-events.js';
import { lessonRow, type LessonRow } from './row-schemas.js';
import { countWritten, upsertByExternalId } from './upsert-by-external-id.js';

interface PreparedLesson {
  row: LessonRow;
  classId: string;
  subjectId: string;
  subjectName: string;
  teacherId: string;
  teacherName: string;
}

/**
 * Lessons of the timetable. Loading the timetable is not news; a lesson that changes
 * afterwards (another day, slot, room or teacher) is a timetable change for its class.
 */
export const timetableKind: BatchKind<LessonRow, PreparedLesson> = {
  name: 'timetable',
  parseRow: rowParser(lessonRow),
  keyOf: (row) => row.externalId,
  keyField: 'externalId',
  async prepare(tx, school, rows) {
    const [classes, subjects, teachers] = [
      await loadReferences(tx, 'class', school.id, rows.map((r) => r.row.classExternalId)),
      await loadReferences(tx, 'subject', school.id, rows.map((r) => r.row.subjectExternalId)),
      await loadReferences(tx, 'teacher', school.id, rows.map((r) => r.row.teacherExternalId)),
    ];
    const errors: RowError[] = [];
    const prepared: PreparedLesson[] = [];
    for (const { index, row } of rows) {
      const cls = resolve(classes, 'class', row.classExternalId, index, 'classExternalId', errors);
      const subject = resolve(subjects, 'subject', row.subjectExternalId, index, 'subjectExternalId', errors);
      const teacher = resolve(teachers, 'teacher', row.teacherExternalId, index, 'teacherExternalId', errors);
      if (!cls || !subject || !teacher) continue;
      prepared.push({ row, classId: cls.id, subjectId: subject.id, subjectName: subject.label, teacherId: teacher.id, teacherName: teacher.label });
    }
    return { errors, rows: prepared };
  },
  async write(tx, school, rows) {
    const written = await upsertByExternalId(tx, 'lessons', school.id, rows.map((r) => r.row.externalId), [
      { name: 'classId', type: 'uuid', values: rows.map((r) => r.classId) },
      { name: 'subjectId', type: 'uuid', values: rows.map((r) => r.subjectId) },
      { name: 'teacherId', type: 'uuid', values: rows.map((r) => r.teacherId) },
      { name: 'date', type: 'date', values: rows.map((r) => r.row.date) },
      { name: 'number', type: 'int4', values: rows.map((r) => r.row.number) },
      { name: 'startsAt', type: 'text', values: rows.map((r) => r.row.startsAt ?? null) },
      { name: 'room', type: 'text', values: rows.map((r) => r.row.room ?? null) },
    ]);
    const byExternalId = new Map(rows.map((r) => [r.row.externalId, r]));
    const events: NewDomainEvent[] = [];
    for (const w of written) {
      const r = byExternalId.get(w.externalId);
      if (!r || w.created) continue;
      events.push({
        schoolId: school.id,
        type: 'timetable_changed',
        classId: r.classId,
        entityId: w.id,
        payload: { lessonId: w.id, subjectName: r.subjectName, date: r.row.date, number: r.row.number, change: 'lesson_changed', teacherName: r.teacherName },
      });
    }
    await recordEvents(tx, events);
    return countWritten(written);
  },
};
