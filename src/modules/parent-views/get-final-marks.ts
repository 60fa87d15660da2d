import type { PrismaClient } from '../../db/prisma.js';
import { isoDay } from './local-date.js';
import type { PeriodInfo, ViewScope } from './types.js';

export interface FinalMarkEntry {
  subjectName: string;
  status: 'final' | 'deferred';
  value: string | null;
  deferredUntil: string | null;
  reason: string | null;
}

export interface ExamEntry {
  name: string;
  date: string;
  score: number | null;
  maxScore: number | null;
  mark: string | null;
}

export interface FinalMarks {
  period: PeriodInfo | null;
  marks: FinalMarkEntry[];
  exams: ExamEntry[];
  /** When this guardian confirmed seeing these final marks (R10). */
  acknowledgedAt: Date | null;
}

export const FINAL_MARKS_ACK_SUBJECT = 'final_marks';

/** What an acknowledgment of one period's final marks for one child refers to. */
export function finalMarksReference(studentId: string, periodId: string): string {
  return `${studentId}:${periodId}`;
}

/** Final marks of the latest period that has any, deferred ones with their new date, and exam results. */
export async function getFinalMarks(prisma: PrismaClient, scope: ViewScope): Promise<FinalMarks> {
  const { child } = scope;
  const latest = await prisma.finalMark.findFirst({
    where: { schoolId: child.schoolId, studentId: child.studentId },
    orderBy: [{ period: { endsOn: 'desc' } }, { period: { startsOn: 'asc' } }],
    select: { period: { select: { id: true, name: true, startsOn: true, endsOn: true } } },
  });
  const examsSince = latest ? latest.period.startsOn : undefined;
  const exams = await prisma.examResult.findMany({
    where: { schoolId: child.schoolId, studentId: child.studentId, ...(examsSince ? { date: { gte: examsSince } } : {}) },
    orderBy: { date: 'desc' },
    take: 20,
    select: { name: true, date: true, score: true, maxScore: true, mark: true },
  });
  const examEntries = exams.map((e) => ({ ...e, date: isoDay(e.date) }));
  if (!latest) return { period: null, marks: [], exams: examEntries, acknowledgedAt: null };
  const p = latest.period;
  const [rows, ack] = await Promise.all([
    prisma.finalMark.findMany({
      where: { schoolId: child.schoolId, studentId: child.studentId, periodId: p.id },
      select: { status: true, value: true, deferredUntil: true, reason: true, subject: { select: { name: true } } },
    }),
    child.guardianId === null
      ? null
      : prisma.acknowledgment.findFirst({
      where: { schoolId: child.schoolId, guardianId: child.guardianId, subject: FINAL_MARKS_ACK_SUBJECT, reference: finalMarksReference(child.studentId, p.id) },
      select: { acknowledgedAt: true },
    }),
  ]);
  const marks = rows
    .map((r) => ({ subjectName: r.subject.name, status: r.status, value: r.value, deferredUntil: r.deferredUntil ? isoDay(r.deferredUntil) : null, reason: r.reason }))
    .sort((a, b) => a.subjectName.localeCompare(b.subjectName, 'ru'));
  return {
    period: { id: p.id, name: p.name, startsOn: isoDay(p.startsOn), endsOn: isoDay(p.endsOn) },
    marks,
    exams: examEntries,
    acknowledgedAt: ack?.acknowledgedAt ?? null,
  };
}
