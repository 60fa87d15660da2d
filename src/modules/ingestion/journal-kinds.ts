// What the journal sends besides marks, declared: table, references, columns, and what
// is news for parents. defineKind does the rest.
import { defineKind, refId, refLabel } from './define-kind.js';
import { examResultRow, holidayRow, homeworkRow, lessonRow, recommendationRow, testRow } from './row-schemas.js';
import type { ExamResultRow, HolidayRow, HomeworkRow, LessonRow, RecommendationRow, TestRow } from './row-schemas.js';

/** Homework for a class. Only new homework is announced; edits update what the bot shows. */
export const homeworkKind = defineKind<HomeworkRow>({
  name: 'homework',
  table: 'homework',
  schema: homeworkRow,
  references: [
    { field: 'classExternalId', column: 'classId', kind: 'class' },
    { field: 'subjectExternalId', column: 'subjectId', kind: 'subject' },
  ],
  columns: [
    { name: 'dueOn', type: 'date', value: (p) => p.row.dueOn },
    { name: 'text', type: 'text', value: (p) => p.row.text },
  ],
  events: (p, w, school) =>
    w.created
      ? [{
          schoolId: school.id,
          type: 'homework_created',
          classId: refId(p, 'classExternalId'),
          entityId: w.id,
          payload: { homeworkId: w.id, subjectId: refId(p, 'subjectExternalId') as string, subjectName: refLabel(p, 'subjectExternalId'), dueOn: p.row.dueOn, text: p.row.text },
        }]
      : [],
});

/** A teacher's note to a family; new ones are announced, edits only update the text. */
export const recommendationsKind = defineKind<RecommendationRow>({
  name: 'recommendations',
  table: 'recommendations',
  schema: recommendationRow,
  references: [
    { field: 'studentExternalId', column: 'studentId', kind: 'student' },
    { field: 'teacherExternalId', column: 'teacherId', kind: 'teacher' },
  ],
  columns: [
    { name: 'date', type: 'date', value: (p) => p.row.date },
    { name: 'text', type: 'text', value: (p) => p.row.text },
  ],
  events: (p, w, school) =>
    w.created
      ? [{
          schoolId: school.id,
          type: 'recommendation_created',
          studentId: refId(p, 'studentExternalId'),
          entityId: w.id,
          payload: { recommendationId: w.id, teacherName: refLabel(p, 'teacherExternalId'), date: p.row.date, text: p.row.text },
        }]
      : [],
});

/**
 * The контрольная schedule. A new test is announced; so is a test moved to another
 * day, since families plan around it. A changed topic alone is not news.
 */
export const testsKind = defineKind<TestRow>({
  name: 'tests',
  table: 'scheduled_tests',
  schema: testRow,
  references: [
    { field: 'classExternalId', column: 'classId', kind: 'class' },
    { field: 'subjectExternalId', column: 'subjectId', kind: 'subject' },
  ],
  previous: ['date'],
  columns: [
    { name: 'date', type: 'date', value: (p) => p.row.date },
    { name: 'topic', type: 'text', value: (p) => p.row.topic ?? null },
  ],
  events: (p, w, school) =>
    w.created || p.previous?.date !== p.row.date
      ? [{
          schoolId: school.id,
          type: 'test_scheduled',
          classId: refId(p, 'classExternalId'),
          entityId: w.id,
          payload: { testId: w.id, subjectId: refId(p, 'subjectExternalId') as string, subjectName: refLabel(p, 'subjectExternalId'), date: p.row.date, topic: p.row.topic ?? null },
        }]
      : [],
});

/**
 * Lessons of the timetable. Loading the timetable is not news; a lesson that changes
 * afterwards (another day, slot, room or teacher) is a timetable change for its class.
 */
export const timetableKind = defineKind<LessonRow>({
  name: 'timetable',
  table: 'lessons',
  schema: lessonRow,
  references: [
    { field: 'classExternalId', column: 'classId', kind: 'class' },
    { field: 'subjectExternalId', column: 'subjectId', kind: 'subject' },
    { field: 'teacherExternalId', column: 'teacherId', kind: 'teacher' },
  ],
  columns: [
    { name: 'date', type: 'date', value: (p) => p.row.date },
    { name: 'number', type: 'int4', value: (p) => p.row.number },
    { name: 'startsAt', type: 'text', value: (p) => p.row.startsAt ?? null },
    { name: 'room', type: 'text', value: (p) => p.row.room ?? null },
  ],
  events: (p, w, school) =>
    w.created
      ? []
      : [{
          schoolId: school.id,
          type: 'timetable_changed',
          classId: refId(p, 'classExternalId'),
          entityId: w.id,
          payload: { lessonId: w.id, subjectName: refLabel(p, 'subjectExternalId'), date: p.row.date, number: p.row.number, change: 'lesson_changed', teacherName: refLabel(p, 'teacherExternalId') },
        }],
});

/** Exam results reach parents within 24 hours (R8): a new or corrected result is an event. */
export const examResultsKind = defineKind<ExamResultRow>({
  name: 'exam-results',
  table: 'exam_results',
  schema: examResultRow,
  references: [{ field: 'studentExternalId', column: 'studentId', kind: 'student' }],
  columns: [
    { name: 'name', type: 'text', value: (p) => p.row.name },
    { name: 'date', type: 'date', value: (p) => p.row.date },
    { name: 'score', type: 'float8', value: (p) => p.row.score ?? null },
    { name: 'maxScore', type: 'float8', value: (p) => p.row.maxScore ?? null },
    { name: 'mark', type: 'text', value: (p) => p.row.mark ?? null },
  ],
  events: (p, w, school) => [{
    schoolId: school.id,
    type: 'exam_result',
    studentId: refId(p, 'studentExternalId'),
    entityId: w.id,
    payload: { examResultId: w.id, name: p.row.name, date: p.row.date, score: p.row.score ?? null, maxScore: p.row.maxScore ?? null, mark: p.row.mark ?? null },
  }],
});

/** Holidays for the whole school or some classes; a new one is announced to those classes. */
export const holidaysKind = defineKind<HolidayRow>({
  name: 'holidays',
  table: 'holidays',
  schema: holidayRow,
  references: [{ field: 'classExternalIds', kind: 'class', list: true }],
  columns: [
    { name: 'name', type: 'text', value: (p) => p.row.name },
    { name: 'startsOn', type: 'date', value: (p) => p.row.startsOn },
    { name: 'endsOn', type: 'date', value: (p) => p.row.endsOn },
    // unnest flattens nested arrays, so each row's list travels as an array literal.
    { name: 'classIds', type: 'text', cast: 'uuid[]', value: (p) => `{${(p.lists.classExternalIds ?? []).join(',')}}` },
  ],
  events: (p, w, school) => {
    if (!w.created) return [];
    const payload = { holidayId: w.id, name: p.row.name, startsOn: p.row.startsOn, endsOn: p.row.endsOn };
    const classIds = p.lists.classExternalIds ?? [];
    // No classes named: one event for the whole school.
    return (classIds.length > 0 ? classIds : [null]).map((classId) => ({ schoolId: school.id, type: 'holiday_created' as const, classId, entityId: w.id, payload }));
  },
});
