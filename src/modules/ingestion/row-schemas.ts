// The rows an e-journal sends, one schema per kind. They validate the API bodies and
// imported files alike and are turned into the OpenAPI document.
import { z } from 'zod';
import { calendarDate, externalId, finalMarkValue, markValue, optionalText, text } from './field-schemas.js';

const ref = externalId;
const optionalRef = externalId.optional().nullable();

export const periodRow = z
  .object({
    externalId,
    name: text(200),
    kind: z.enum(['quarter', 'trimester', 'half_year', 'year'], 'must be one of quarter, trimester, half_year, year'),
    startsOn: calendarDate,
    endsOn: calendarDate,
  })
  .superRefine((row, ctx) => {
    if (row.endsOn < row.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'must not be before startsOn' });
  });

export const classRow = z.object({
  externalId,
  name: text(50),
  grade: z.number('must be a whole number from 0 to 12').int('must be a whole number from 0 to 12').min(0).max(12),
  classTeacherExternalId: optionalRef,
});

export const teacherRow = z.object({
  externalId,
  fullName: text(300),
  email: z.email('must be an email address').max(320).optional().nullable(),
});

export const subjectRow = z.object({ externalId, name: text(200) });

export const studentRow = z.object({ externalId, fullName: text(300), classExternalId: ref });

export const markRow = z.object({
  externalId,
  studentExternalId: ref,
  subjectExternalId: ref,
  date: calendarDate,
  value: markValue,
  weight: z.number('must be a number').positive('must be greater than 0').max(100, 'must be at most 100').optional().nullable(),
  kind: optionalText(50),
  comment: optionalText(2000),
});

export const markDeletionRow = z.object({ externalId });

export const finalMarkRow = z
  .object({
    studentExternalId: ref,
    subjectExternalId: ref,
    periodExternalId: ref,
    status: z.enum(['final', 'deferred'], 'must be final or deferred'),
    value: finalMarkValue.optional().nullable(),
    deferredUntil: calendarDate.optional().nullable(),
    reason: optionalText(1000),
  })
  .superRefine((row, ctx) => {
    if (row.status === 'final' && !row.value) ctx.addIssue({ code: 'custom', path: ['value'], message: 'is required for a final mark' });
    if (row.status === 'deferred' && row.value) ctx.addIssue({ code: 'custom', path: ['value'], message: 'must be empty for a deferred mark' });
  });

export const examResultRow = z
  .object({
    externalId,
    studentExternalId: ref,
    name: text(300),
    date: calendarDate,
    score: z.number('must be a number').min(0, 'must not be negative').max(100000).optional().nullable(),
    maxScore: z.number('must be a number').positive('must be greater than 0').max(100000).optional().nullable(),
    mark: finalMarkValue.optional().nullable(),
  })
  .superRefine((row, ctx) => {
    if (row.score != null && row.maxScore != null && row.score > row.maxScore) {
      ctx.addIssue({ code: 'custom', path: ['score'], message: 'must not exceed maxScore' });
    }
  });

export const homeworkRow = z.object({
  externalId,
  classExternalId: ref,
  subjectExternalId: ref,
  dueOn: calendarDate,
  text: text(10000),
});

export const lessonRow = z.object({
  externalId,
  classExternalId: ref,
  subjectExternalId: ref,
  teacherExternalId: ref,
  date: calendarDate,
  number: z.number('must be a whole number from 0 to 20').int('must be a whole number from 0 to 20').min(0).max(20),
  startsAt: z
    .string('must be a time HH:MM')
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM')
    .optional()
    .nullable(),
  room: optionalText(50),
});

export const lessonChangeRow = z
  .object({
    lessonExternalId: ref,
    kind: z.enum(['substitution', 'moved', 'cancelled'], 'must be one of substitution, moved, cancelled'),
    teacherExternalId: optionalRef,
    newDate: calendarDate.optional().nullable(),
    newNumber: z.number('must be a whole number from 0 to 20').int().min(0).max(20).optional().nullable(),
    note: optionalText(1000),
  })
  .superRefine((row, ctx) => {
    if (row.kind === 'substitution' && !row.teacherExternalId) {
      ctx.addIssue({ code: 'custom', path: ['teacherExternalId'], message: 'is required for a substitution' });
    }
    if (row.kind === 'moved' && !row.newDate && row.newNumber == null) {
      ctx.addIssue({ code: 'custom', path: ['newDate'], message: 'a moved lesson needs newDate or newNumber' });
    }
  });

export const testRow = z.object({
  externalId,
  classExternalId: ref,
  subjectExternalId: ref,
  date: calendarDate,
  topic: optionalText(500),
});

export const holidayRow = z
  .object({
    externalId,
    name: text(200),
    startsOn: calendarDate,
    endsOn: calendarDate,
    classExternalIds: z.array(ref).max(500).optional().nullable(),
  })
  .superRefine((row, ctx) => {
    if (row.endsOn < row.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'must not be before startsOn' });
  });

export const recommendationRow = z.object({
  externalId,
  studentExternalId: ref,
  teacherExternalId: ref,
  date: calendarDate,
  text: text(5000),
});

export type PeriodRow = z.output<typeof periodRow>;
export type ClassRow = z.output<typeof classRow>;
export type TeacherRow = z.output<typeof teacherRow>;
export type SubjectRow = z.output<typeof subjectRow>;
export type StudentRow = z.output<typeof studentRow>;
export type MarkRow = z.output<typeof markRow>;
export type MarkDeletionRow = z.output<typeof markDeletionRow>;
export type FinalMarkRow = z.output<typeof finalMarkRow>;
export type ExamResultRow = z.output<typeof examResultRow>;
export type HomeworkRow = z.output<typeof homeworkRow>;
export type LessonRow = z.output<typeof lessonRow>;
export type LessonChangeRow = z.output<typeof lessonChangeRow>;
export type TestRow = z.output<typeof testRow>;
export type HolidayRow = z.output<typeof holidayRow>;
export type RecommendationRow = z.output<typeof recommendationRow>;
