// The three lookups a batch of marks needs — its students, its subjects, the school's
// periods — in one statement: a small batch then costs one round trip here instead of three.
import type { PeriodSpan } from '../periods/find-period.js';
import type { Tx } from './batch-types.js';
import type { ReferenceMap } from './load-references.js';

export interface MarkReferences {
  students: ReferenceMap;
  subjects: ReferenceMap;
  periods: PeriodSpan[];
}

// The same columns loadReferences and loadPeriods read, always within one school.
const MARK_REFERENCES_SQL = `
  SELECT 'student' AS kind, "externalId", id, "fullName" AS label, "classId"::text AS extra, NULL::text AS "startsOn", NULL::text AS "endsOn"
    FROM students WHERE "schoolId" = $1 AND "externalId" = ANY($2::text[])
  UNION ALL
  SELECT 'subject', "externalId", id, name, NULL, NULL, NULL FROM subjects WHERE "schoolId" = $1 AND "externalId" = ANY($3::text[])
  UNION ALL
  SELECT 'period', "externalId", id, name, NULL, "startsOn"::text, "endsOn"::text FROM academic_periods WHERE "schoolId" = $1`;

interface ReferenceRow {
  kind: 'student' | 'subject' | 'period';
  externalId: string;
  id: string;
  label: string;
  extra: string | null;
  startsOn: string | null;
  endsOn: string | null;
}

export async function loadMarkReferences(tx: Tx, schoolId: string, studentIds: Iterable<string>, subjectIds: Iterable<string>): Promise<MarkReferences> {
  const { rows } = await tx.query<ReferenceRow>(MARK_REFERENCES_SQL, [schoolId, [...new Set(studentIds)], [...new Set(subjectIds)]]);
  const found: MarkReferences = { students: new Map(), subjects: new Map(), periods: [] };
  for (const row of rows) {
    if (row.kind === 'period') found.periods.push({ id: row.id, startsOn: row.startsOn as string, endsOn: row.endsOn as string });
    else (row.kind === 'student' ? found.students : found.subjects).set(row.externalId, { id: row.id, label: row.label, extra: row.extra });
  }
  return found;
}
