// Resolves the e-journal's externalIds to our rows, always within one school: this
// filter is what keeps one school's key from reaching another school's data.
import type { RowError, Tx } from './batch-types.js';

export interface Reference {
  id: string;
  /** A display name for event payloads (subject name, teacher's full name, …). */
  label: string;
  /** A second column some callers need (a student's class, a lesson's class). */
  extra: string | null;
}

const TABLES = {
  student: { table: 'students', label: '"fullName"', extra: '"classId"::text' },
  subject: { table: 'subjects', label: 'name', extra: 'NULL' },
  class: { table: 'classes', label: 'name', extra: 'NULL' },
  teacher: { table: 'teachers', label: '"fullName"', extra: 'NULL' },
  period: { table: 'academic_periods', label: 'name', extra: 'NULL' },
} as const;

export type ReferenceKind = keyof typeof TABLES;

export type ReferenceMap = Map<string, Reference>;

export async function loadReferences(tx: Tx, kind: ReferenceKind, schoolId: string, externalIds: Iterable<string>): Promise<ReferenceMap> {
  const ids = [...new Set(externalIds)];
  const map: ReferenceMap = new Map();
  if (ids.length === 0) return map;
  const { table, label, extra } = TABLES[kind];
  const { rows } = await tx.query<{ externalId: string; id: string; label: string; extra: string | null }>(
    `SELECT "externalId", id, ${label} AS label, ${extra} AS extra FROM ${table} WHERE "schoolId" = $1 AND "externalId" = ANY($2::text[])`,
    [schoolId, ids],
  );
  for (const row of rows) map.set(row.externalId, { id: row.id, label: row.label, extra: row.extra });
  return map;
}

const WHAT: Record<ReferenceKind, string> = {
  student: 'student',
  subject: 'subject',
  class: 'class',
  teacher: 'teacher',
  period: 'period',
};

/** Looks one reference up; records a row error when it is unknown in this school. */
export function resolve(
  map: ReferenceMap,
  kind: ReferenceKind,
  externalId: string,
  index: number,
  field: string,
  errors: RowError[],
): Reference | undefined {
  const found = map.get(externalId);
  if (!found) errors.push({ index, field, reason: `unknown ${WHAT[kind]} "${externalId}"` });
  return found;
}
