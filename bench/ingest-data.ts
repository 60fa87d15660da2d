// The rows bench:ingest loads, shared by the bench and its client processes: the same marks
// as objects (for the baseline) and as JSON text (for the API), and the baseline statement.
import { DEFAULT_MARK_WEIGHTS, resolveMarkWeight } from '../src/modules/forecast/index.js';

export const STUDENTS = 1000;
export const SUBJECTS = 10;
export const SECRET = 'bench-secret-0123456789';
const VALUES = ['2', '3', '4', '5', 'н', '4', '5', 'зач'];
const KINDS = ['answer', 'test', 'homework', 'independent'];

export interface BenchMark {
  externalId: string;
  studentExternalId: string;
  subjectExternalId: string;
  date: string;
  value: string;
  kind: string;
}

function dateOf(i: number): string {
  return new Date(Date.UTC(2025, 8, 1 + (i % 240))).toISOString().slice(0, 10);
}

/** Mark i of a run; `prefix` keeps the runs of one bench apart (in-process, external, small). */
export function markOf(i: number, prefix = 'm'): BenchMark {
  return {
    externalId: `${prefix}${i}`,
    studentExternalId: `s${i % STUDENTS}`,
    subjectExternalId: `sub${(i >> 4) % SUBJECTS}`,
    date: dateOf(i),
    value: VALUES[i % VALUES.length] as string,
    kind: KINDS[i % KINDS.length] as string,
  };
}

export function batchOf(start: number, size: number, prefix = 'm'): BenchMark[] {
  return Array.from({ length: size }, (_v, k) => markOf(start + k, prefix));
}

/** The same rows as JSON text, written directly: the client's garbage is not the server's memory. */
export function bodyOf(start: number, size: number, prefix = 'm'): string {
  const parts: string[] = [];
  for (let i = start; i < start + size; i += 1) parts.push(JSON.stringify(markOf(i, prefix)));
  return `{"marks":[${parts.join(',')}]}`;
}

export const roster = {
  periods: [{ externalId: 'y', name: '2025/26', kind: 'year', startsOn: '2025-09-01', endsOn: '2026-05-31' }],
  subjects: Array.from({ length: SUBJECTS }, (_v, i) => ({ externalId: `sub${i}`, name: `Предмет ${i}` })),
  classes: Array.from({ length: 40 }, (_v, i) => ({ externalId: `c${i}`, name: `${5 + (i % 7)}-${i}`, grade: 5 + (i % 7) })),
  students: Array.from({ length: STUDENTS }, (_v, i) => ({ externalId: `s${i}`, fullName: `Ученик ${i}`, classExternalId: `c${i % 40}` })),
};

/** The raw upsert with the same foreign keys and unique key: what the API path is measured against. */
export const BASELINE_SQL = `
INSERT INTO marks AS m ("schoolId", "externalId", "studentId", "subjectId", "periodId", date, value, weight, kind, comment)
SELECT $1::uuid, u.* FROM unnest($2::text[], $3::uuid[], $4::uuid[], $5::uuid[], $6::date[], $7::text[], $8::float8[], $9::text[], $10::text[])
  AS u("externalId", "studentId", "subjectId", "periodId", date, value, weight, kind, comment)
ON CONFLICT ("schoolId", "externalId") DO UPDATE
  SET "studentId" = EXCLUDED."studentId", "subjectId" = EXCLUDED."subjectId", "periodId" = EXCLUDED."periodId", date = EXCLUDED.date,
      value = EXCLUDED.value, weight = EXCLUDED.weight, kind = EXCLUDED.kind, comment = EXCLUDED.comment, "updatedAt" = now()`;

export interface SchoolIds {
  schoolId: string;
  students: Map<string, string>;
  subjects: Map<string, string>;
  periodId: string;
}

/** The baseline's parameters for a batch: ids resolved by the caller beforehand, as a raw load would. */
export function baselineParams(ids: SchoolIds, rows: BenchMark[]): unknown[] {
  return [
    ids.schoolId,
    rows.map((r) => r.externalId),
    rows.map((r) => ids.students.get(r.studentExternalId)),
    rows.map((r) => ids.subjects.get(r.subjectExternalId)),
    rows.map(() => ids.periodId),
    rows.map((r) => r.date),
    rows.map((r) => r.value),
    rows.map((r) => resolveMarkWeight(r.kind, null, DEFAULT_MARK_WEIGHTS)),
    rows.map((r) => r.kind),
    rows.map(() => null),
  ];
}
