// What each batch body carries: the array(s) under which rows arrive and the kind of
// row each holds. The HTTP API, the file import and the OpenAPI document read this.
import type { BatchKind } from './batch-types.js';
import { substitutionsKind } from './apply-substitutions.js';
import { markDeletionsKind } from './delete-marks.js';
import { examResultsKind, holidaysKind, homeworkKind, recommendationsKind, testsKind, timetableKind } from './journal-kinds.js';
import { classesKind, periodsKind, studentsKind, subjectsKind, teachersKind } from './roster-kinds.js';
import { finalMarksKind } from './upsert-final-marks.js';
import { marksKind } from './upsert-marks.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a registry of kinds with different row types
export type AnyBatchKind = BatchKind<any, any>;

export interface BatchSection {
  /** Property of the body holding the rows. */
  key: string;
  kind: AnyBatchKind;
  /** Turns a body item into a row, for bodies that list bare ids. */
  toRow?: (item: unknown) => unknown;
}

export interface BatchDefinition {
  name: BatchName;
  /** Written in this order: later sections may name rows of earlier ones. */
  sections: BatchSection[];
  /** A roster may carry any subset of its arrays; other bodies need theirs. */
  sectionsOptional?: boolean;
}

export const BATCH_NAMES = [
  'roster',
  'marks',
  'mark-deletions',
  'final-marks',
  'exam-results',
  'homework',
  'timetable',
  'substitutions',
  'tests',
  'holidays',
  'recommendations',
] as const;

export type BatchName = (typeof BATCH_NAMES)[number];

const single = (name: BatchName, key: string, kind: AnyBatchKind, toRow?: (item: unknown) => unknown): BatchDefinition => ({
  name,
  sections: [{ key, kind, toRow }],
});

export const BATCH_DEFINITIONS: Record<BatchName, BatchDefinition> = {
  roster: {
    name: 'roster',
    sections: [
      { key: 'periods', kind: periodsKind },
      { key: 'teachers', kind: teachersKind },
      { key: 'subjects', kind: subjectsKind },
      { key: 'classes', kind: classesKind },
      { key: 'students', kind: studentsKind },
    ],
    sectionsOptional: true,
  },
  marks: single('marks', 'marks', marksKind),
  'mark-deletions': single('mark-deletions', 'externalIds', markDeletionsKind, (item) => ({ externalId: item })),
  'final-marks': single('final-marks', 'finalMarks', finalMarksKind),
  'exam-results': single('exam-results', 'results', examResultsKind),
  homework: single('homework', 'homework', homeworkKind),
  timetable: single('timetable', 'lessons', timetableKind),
  substitutions: single('substitutions', 'changes', substitutionsKind),
  tests: single('tests', 'tests', testsKind),
  holidays: single('holidays', 'holidays', holidaysKind),
  recommendations: single('recommendations', 'recommendations', recommendationsKind),
};
