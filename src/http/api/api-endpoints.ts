// The /api/v1 write endpoints: which batch each one runs and the body it documents.
import { z } from 'zod';
import type { BatchName } from '../../modules/ingestion/batch-definitions.js';
import { MAX_BATCH_ROWS } from '../../modules/ingestion/batch-limits.js';
import { externalId } from '../../modules/ingestion/field-schemas.js';
import * as rows from '../../modules/ingestion/row-schemas.js';

export interface ApiEndpoint {
  method: 'POST' | 'DELETE';
  path: string;
  batch: BatchName;
  summary: string;
  body: z.ZodType;
}

// Documents the limit; ingestBatch enforces it over all arrays of a body together.
const list = (schema: z.ZodType) => z.array(schema).max(MAX_BATCH_ROWS);

export const API_ENDPOINTS: ApiEndpoint[] = [
  {
    method: 'POST',
    path: '/roster',
    batch: 'roster',
    summary: 'Periods, teachers, subjects, classes and students (any subset; written in that order)',
    body: z.object({
      periods: list(rows.periodRow).optional(),
      classes: list(rows.classRow).optional(),
      teachers: list(rows.teacherRow).optional(),
      subjects: list(rows.subjectRow).optional(),
      students: list(rows.studentRow).optional(),
    }),
  },
  {
    method: 'POST',
    path: '/marks',
    batch: 'marks',
    summary: 'Marks; the date must fall inside a period; weight defaults from the school weights by kind',
    body: z.object({ marks: list(rows.markRow) }),
  },
  {
    method: 'DELETE',
    path: '/marks',
    batch: 'mark-deletions',
    summary: 'Delete marks (a correction): the mark is kept as deleted and parents are told it was removed',
    body: z.object({ externalIds: list(externalId) }),
  },
  {
    method: 'POST',
    path: '/final-marks',
    batch: 'final-marks',
    summary: 'Final marks per student, subject and period, or a deferral (illness) with its new date',
    body: z.object({ finalMarks: list(rows.finalMarkRow) }),
  },
  { method: 'POST', path: '/exam-results', batch: 'exam-results', summary: 'Exam results', body: z.object({ results: list(rows.examResultRow) }) },
  { method: 'POST', path: '/homework', batch: 'homework', summary: 'Homework per class and subject', body: z.object({ homework: list(rows.homeworkRow) }) },
  { method: 'POST', path: '/timetable', batch: 'timetable', summary: 'Timetable lessons', body: z.object({ lessons: list(rows.lessonRow) }) },
  {
    method: 'POST',
    path: '/substitutions',
    batch: 'substitutions',
    summary: 'Substitutions, moved and cancelled lessons (the latest change of a lesson wins)',
    body: z.object({ changes: list(rows.lessonChangeRow) }),
  },
  { method: 'POST', path: '/tests', batch: 'tests', summary: 'The test (контрольная) schedule', body: z.object({ tests: list(rows.testRow) }) },
  {
    method: 'POST',
    path: '/holidays',
    batch: 'holidays',
    summary: 'Holidays for the whole school, or for the classes listed',
    body: z.object({ holidays: list(rows.holidayRow) }),
  },
  {
    method: 'POST',
    path: '/recommendations',
    batch: 'recommendations',
    summary: "Teachers' recommendations to a student's family",
    body: z.object({ recommendations: list(rows.recommendationRow) }),
  },
];
