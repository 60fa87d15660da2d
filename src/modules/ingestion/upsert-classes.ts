import type { BatchKind, RowError } from './batch-types.js';
import { rowParser } from './field-schemas.js';
import { loadReferences, resolve } from './load-references.js';
import { classRow, type ClassRow } from './row-schemas.js';
import { countWritten, upsertByExternalId } from './upsert-by-external-id.js';

interface PreparedClass {
  row: ClassRow;
  classTeacherId: string | null;
}

/** Roster section: classes, with their class teacher (классный руководитель). */
export const classesKind: BatchKind<ClassRow, PreparedClass> = {
  name: 'classes',
  parseRow: rowParser(classRow),
  keyOf: (row) => row.externalId,
  keyField: 'externalId',
  async prepare(tx, school, rows) {
    const teacherIds = rows.flatMap((r) => (r.row.classTeacherExternalId ? [r.row.classTeacherExternalId] : []));
    const teachers = await loadReferences(tx, 'teacher', school.id, teacherIds);
    const errors: RowError[] = [];
    const prepared: PreparedClass[] = [];
    for (const { index, row } of rows) {
      let classTeacherId: string | null = null;
      if (row.classTeacherExternalId) {
        const teacher = resolve(teachers, 'teacher', row.classTeacherExternalId, index, 'classTeacherExternalId', errors);
        if (!teacher) continue;
        classTeacherId = teacher.id;
      }
      prepared.push({ row, classTeacherId });
    }
    return { errors, rows: prepared };
  },
  async write(tx, school, rows) {
    const written = await upsertByExternalId(tx, 'classes', school.id, rows.map((r) => r.row.externalId), [
      { name: 'name', type: 'text', values: rows.map((r) => r.row.name) },
      { name: 'grade', type: 'int4', values: rows.map((r) => r.row.grade) },
      { name: 'classTeacherId', type: 'uuid', values: rows.map((r) => r.classTeacherId) },
    ]);
    return countWritten(written);
  },
};
