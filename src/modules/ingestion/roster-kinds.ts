// The roster sections, declared. Written in the order of BATCH_DEFINITIONS.roster:
// periods first (marks find their period by date), teachers before the classes that
// name their class teacher, classes before their students. No events: a roster is not news.
import { defineKind } from './define-kind.js';
import { classRow, periodRow, studentRow, subjectRow, teacherRow } from './row-schemas.js';
import type { ClassRow, PeriodRow, StudentRow, SubjectRow, TeacherRow } from './row-schemas.js';

export const periodsKind = defineKind<PeriodRow>({
  name: 'periods',
  table: 'academic_periods',
  schema: periodRow,
  columns: [
    { name: 'name', type: 'text', value: (p) => p.row.name },
    { name: 'kind', type: '"PeriodKind"', value: (p) => p.row.kind },
    { name: 'startsOn', type: 'date', value: (p) => p.row.startsOn },
    { name: 'endsOn', type: 'date', value: (p) => p.row.endsOn },
  ],
});

export const teachersKind = defineKind<TeacherRow>({
  name: 'teachers',
  table: 'teachers',
  schema: teacherRow,
  columns: [
    { name: 'fullName', type: 'text', value: (p) => p.row.fullName },
    { name: 'email', type: 'text', value: (p) => p.row.email ?? null },
  ],
});

export const subjectsKind = defineKind<SubjectRow>({
  name: 'subjects',
  table: 'subjects',
  schema: subjectRow,
  columns: [{ name: 'name', type: 'text', value: (p) => p.row.name }],
});

/** Classes, with their class teacher (классный руководитель) when given. */
export const classesKind = defineKind<ClassRow>({
  name: 'classes',
  table: 'classes',
  schema: classRow,
  references: [{ field: 'classTeacherExternalId', column: 'classTeacherId', kind: 'teacher' }],
  columns: [
    { name: 'name', type: 'text', value: (p) => p.row.name },
    { name: 'grade', type: 'int4', value: (p) => p.row.grade },
    
  ],
});

/** Students; a changed class moves the student. */
export const studentsKind = defineKind<StudentRow>({
  name: 'students',
  table: 'students',
  schema: studentRow,
  references: [{ field: 'classExternalId', column: 'classId', kind: 'class' }],
  columns: [
    { name: 'fullName', type: 'text', value: (p) => p.row.fullName },
    
  ],
});
