import type { PrismaClient } from '../../db/prisma.js';
import { findCurrentPeriod } from './find-current-period.js';
import { localToday } from './local-date.js';
import type { PeriodInfo, ViewScope } from './types.js';

export interface MarkEntry {
  value: string;
  weight: number;
  kind: string | null;
  date: string;
  comment: string | null;
}

export interface SubjectMarks {
  subjectId: string;
  subjectName: string;
  /** Newest first. */
  marks: MarkEntry[];
  /** Weighted average of the numeric marks; null when there are none. */
  average: number | null;
}

export interface CurrentMarks {
  period: PeriodInfo | null;
  subjects: SubjectMarks[];
}

/** The current period's marks by subject. Deleted marks are never shown as current. */
export async function getCurrentMarks(prisma: PrismaClient, scope: ViewScope, options: { subjectId?: string } = {}): Promise<CurrentMarks> {
  const today = localToday(scope.now, scope.child.timezone);
  const period = await findCurrentPeriod(prisma, scope.child.schoolId, today);
  if (!period) return { period: null, subjects: [] };
  // Raw SQL: this is the hottest query of the bot (a busy parent's period has hundreds of marks).
  const rows = await prisma.$queryRaw<Array<{ subjectId: string; value: string; weight: number; kind: string | null; date: string; comment: string | null }>>`
    SELECT "subjectId", value, weight, kind, date::text AS date, comment FROM marks
    WHERE "schoolId" = ${scope.child.schoolId}::uuid AND "studentId" = ${scope.child.studentId}::uuid AND date BETWEEN ${period.startsOn}::date AND ${period.endsOn}::date
      AND NOT deleted AND (${options.subjectId ?? null}::uuid IS NULL OR "subjectId" = ${options.subjectId ?? null}::uuid)
    ORDER BY date DESC, "createdAt" DESC`;
  const bySubject = new Map<string, MarkEntry[]>();
  for (const row of rows) {
    let list = bySubject.get(row.subjectId);
    if (!list) bySubject.set(row.subjectId, (list = []));
    list.push({ value: row.value, weight: row.weight, kind: row.kind, date: row.date, comment: row.comment });
  }
  const names = await subjectNames(prisma, scope.child.schoolId, [...bySubject.keys()]);
  const subjects = [...bySubject].map(([subjectId, marks]) => ({ subjectId, subjectName: names.get(subjectId) ?? '', marks, average: weightedAverage(marks) }));
  subjects.sort((a, b) => a.subjectName.localeCompare(b.subjectName, 'ru'));
  return { period, subjects };
}

export async function subjectNames(prisma: PrismaClient, schoolId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await prisma.subject.findMany({ where: { schoolId, id: { in: ids } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}

function weightedAverage(marks: MarkEntry[]): number | null {
  let sum = 0;
  let weight = 0;
  for (const mark of marks) {
    if (!/^[1-5]$/.test(mark.value)) continue;
    const w = mark.weight > 0 ? mark.weight : 1;
    sum += Number(mark.value) * w;
    weight += w;
  }
  return weight > 0 ? sum / weight : null;
}
