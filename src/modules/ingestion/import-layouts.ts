// Column layouts of imported files: one file per kind, a header row naming the columns
// (the API's field names, any case), one row per line. docs/import.md documents them.
import type { AnyBatchKind } from './batch-definitions.js';
import { BATCH_DEFINITIONS } from './batch-definitions.js';

export type CellType = 'text' | 'int' | 'number' | 'date' | 'list';

export interface ColumnSpec {
  name: string;
  type: CellType;
  required?: boolean;
}

export interface ImportLayout {
  kind: AnyBatchKind;
  columns: ColumnSpec[];
}

const req = (name: string, type: CellType = 'text'): ColumnSpec => ({ name, type, required: true });
const opt = (name: string, type: CellType = 'text'): ColumnSpec => ({ name, type });

const roster = (key: string) => {
  const section = BATCH_DEFINITIONS.roster.sections.find((s) => s.key === key);
  if (!section) throw new Error(`no roster section ${key}`);
  return section.kind;
};
const kindOf = (name: keyof typeof BATCH_DEFINITIONS) => (BATCH_DEFINITIONS[name].sections[0] as { kind: AnyBatchKind }).kind;

export const IMPORT_LAYOUTS = {
  periods: { kind: roster('periods'), columns: [req('externalId'), req('name'), req('kind'), req('startsOn', 'date'), req('endsOn', 'date')] },
  teachers: { kind: roster('teachers'), columns: [req('externalId'), req('fullName'), opt('email')] },
  subjects: { kind: roster('subjects'), columns: [req('externalId'), req('name')] },
  classes: { kind: roster('classes'), columns: [req('externalId'), req('name'), req('grade', 'int'), opt('classTeacherExternalId')] },
  students: { kind: roster('students'), columns: [req('externalId'), req('fullName'), req('classExternalId')] },
  marks: {
    kind: kindOf('marks'),
    columns: [req('externalId'), req('studentExternalId'), req('subjectExternalId'), req('date', 'date'), req('value'), opt('weight', 'number'), opt('kind'), opt('comment')],
  },
  'mark-deletions': { kind: kindOf('mark-deletions'), columns: [req('externalId')] },
  'final-marks': {
    kind: kindOf('final-marks'),
    columns: [req('studentExternalId'), req('subjectExternalId'), req('periodExternalId'), req('status'), opt('value'), opt('deferredUntil', 'date'), opt('reason')],
  },
  'exam-results': {
    kind: kindOf('exam-results'),
    columns: [req('externalId'), req('studentExternalId'), req('name'), req('date', 'date'), opt('score', 'number'), opt('maxScore', 'number'), opt('mark')],
  },
  homework: { kind: kindOf('homework'), columns: [req('externalId'), req('classExternalId'), req('subjectExternalId'), req('dueOn', 'date'), req('text')] },
  timetable: {
    kind: kindOf('timetable'),
    columns: [req('externalId'), req('classExternalId'), req('subjectExternalId'), req('teacherExternalId'), req('date', 'date'), req('number', 'int'), opt('startsAt'), opt('room')],
  },
  substitutions: {
    kind: kindOf('substitutions'),
    columns: [req('lessonExternalId'), req('kind'), opt('teacherExternalId'), opt('newDate', 'date'), opt('newNumber', 'int'), opt('note')],
  },
  tests: { kind: kindOf('tests'), columns: [req('externalId'), req('classExternalId'), req('subjectExternalId'), req('date', 'date'), opt('topic')] },
  holidays: { kind: kindOf('holidays'), columns: [req('externalId'), req('name'), req('startsOn', 'date'), req('endsOn', 'date'), opt('classExternalIds', 'list')] },
  recommendations: {
    kind: kindOf('recommendations'),
    columns: [req('externalId'), req('studentExternalId'), req('teacherExternalId'), req('date', 'date'), req('text')],
  },
} satisfies Record<string, ImportLayout>;

export type ImportKind = keyof typeof IMPORT_LAYOUTS;
export const IMPORT_KINDS = Object.keys(IMPORT_LAYOUTS) as ImportKind[];

export function isImportKind(value: string): value is ImportKind {
  return Object.prototype.hasOwnProperty.call(IMPORT_LAYOUTS, value);
}

/**
 * A cell as the row schema expects it. Russian spreadsheets write 15.09.2025 and 2,5;
 * a number that does not parse stays text so the row error says what was there.
 */
export function convertCell(type: CellType, raw: string): unknown {
  const value = raw.trim();
  if (value === '') return undefined;
  switch (type) {
    case 'date': {
      const ru = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value);
      return ru ? `${ru[3]}-${ru[2]?.padStart(2, '0')}-${ru[1]?.padStart(2, '0')}` : value;
    }
    case 'int':
    case 'number': {
      const parsed = Number(value.replace(',', '.'));
      return Number.isFinite(parsed) ? parsed : value;
    }
    case 'list':
      return value.split('|').map((item) => item.trim()).filter(Boolean);
    default:
      return value;
  }
}
