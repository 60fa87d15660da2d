import type { NewDomainEvent } from '../events/event-types.js';
import type { BatchKind, RowError } from './batch-types.js';
import { rowParser } from './field-schemas.js';
import { loadReferences } from './load-references.js';
import { recordEvents } from './record-events.js';
import { lessonChangeRow, type LessonChangeRow } from './row-schemas.js';

interface LessonInfo {
  externalId: string;
  id: string;
  classId: string;
  date: string;
  number: number;
  subjectName: string;
}

interface PreparedChange {
  row: LessonChangeRow;
  lesson: LessonInfo;
  teacherId: string | null;
  teacherName: string | null;
}

// A lesson has one current change (the latest one wins), keyed by the lesson.
const UPSERT_CHANGES = `
INSERT INTO lesson_changes AS c ("schoolId", "lessonId", kind, "teacherId", "newDate", "newNumber", note, "updatedAt")
SELECT $1::uuid, u.*, now()
FROM unnest($2::uuid[], $3::"LessonChangeKind"[], $4::uuid[], $5::date[], $6::int4[], $7::text[])
  AS u("lessonId", kind, "teacherId", "newDate", "newNumber", note)
ON CONFLICT ("schoolId", "lessonId") DO UPDATE
  SET kind = EXCLUDED.kind, "teacherId" = EXCLUDED."teacherId", "newDate" = EXCLUDED."newDate",
      "newNumber" = EXCLUDED."newNumber", note = EXCLUDED.note, "updatedAt" = now()
  WHERE (c.kind, c."teacherId", c."newDate", c."newNumber", c.note)
    IS DISTINCT FROM (EXCLUDED.kind, EXCLUDED."teacherId", EXCLUDED."newDate", EXCLUDED."newNumber", EXCLUDED.note)
RETURNING c.id, c."lessonId", (c.xmax = 0) AS created`;

/** Substitutions, moved and cancelled lessons: every one is news for the class. */
export const substitutionsKind: BatchKind<LessonChangeRow, PreparedChange> = {
  name: 'substitutions',
  parseRow: rowParser(lessonChangeRow),
  keyOf: (row) => row.lessonExternalId,
  keyField: 'lessonExternalId',
  async prepare(tx, school, rows) {
    const { rows: lessons } = await tx.query<LessonInfo>(
      `SELECT l."externalId", l.id, l."classId", l.date, l.number, s.name AS "subjectName"
       FROM lessons l JOIN subjects s ON s."schoolId" = l."schoolId" AND s.id = l."subjectId"
       WHERE l."schoolId" = $1 AND l."externalId" = ANY($2::text[])`,
      [school.id, rows.map((r) => r.row.lessonExternalId)],
    );
    const lessonByExternalId = new Map(lessons.map((l) => [l.externalId, l]));
    const teacherIds = rows.flatMap((r) => (r.row.teacherExternalId ? [r.row.teacherExternalId] : []));
    const teachers = await loadReferences(tx, 'teacher', school.id, teacherIds);
    const errors: RowError[] = [];
    const prepared: PreparedChange[] = [];
    for (const { index, row } of rows) {
      const lesson = lessonByExternalId.get(row.lessonExternalId);
      if (!lesson) errors.push({ index, field: 'lessonExternalId', reason: `unknown lesson "${row.lessonExternalId}"` });
      const teacher = row.teacherExternalId ? teachers.get(row.teacherExternalId) : undefined;
      if (row.teacherExternalId && !teacher) {
        errors.push({ index, field: 'teacherExternalId', reason: `unknown teacher "${row.teacherExternalId}"` });
        continue;
      }
      if (lesson) prepared.push({ row, lesson, teacherId: teacher?.id ?? null, teacherName: teacher?.label ?? null });
    }
    return { errors, rows: prepared };
  },
  async write(tx, school, rows) {
    if (rows.length === 0) return { created: 0, updated: 0 };
    const { rows: written } = await tx.query<{ id: string; lessonId: string; created: boolean }>(UPSERT_CHANGES, [
      school.id,
      rows.map((r) => r.lesson.id),
      rows.map((r) => r.row.kind),
      rows.map((r) => r.teacherId),
      rows.map((r) => r.row.newDate ?? null),
      rows.map((r) => r.row.newNumber ?? null),
      rows.map((r) => r.row.note ?? null),
    ]);
    const byLesson = new Map(rows.map((r) => [r.lesson.id, r]));
    const events: NewDomainEvent[] = [];
    for (const w of written) {
      const r = byLesson.get(w.lessonId);
      if (!r) continue;
      events.push({
        schoolId: school.id,
        type: 'timetable_changed',
        classId: r.lesson.classId,
        entityId: r.lesson.id,
        payload: {
          lessonId: r.lesson.id,
          subjectName: r.lesson.subjectName,
          date: r.lesson.date,
          number: r.lesson.number,
          change: r.row.kind,
          teacherName: r.teacherName,
          newDate: r.row.newDate ?? null,
          newNumber: r.row.newNumber ?? null,
          note: r.row.note ?? null,
        },
      });
    }
    await recordEvents(tx, events);
    const created = written.filter((w) => w.created).length;
    return { created, updated: written.length - created };
  },
};
