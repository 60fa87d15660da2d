import type { PrismaClient } from '../../db/prisma.js';
import { loadClassContext, pickPeriod, type ClassContext, type PeriodRef } from './load-class-context.js';

export interface SummaryStudent {
  studentId: string;
  studentName: string;
  /** Subject name → the final mark, or null when none is recorded. */
  marks: Record<string, string | null>;
}

export interface DeferredMark {
  studentName: string;
  subjectName: string;
  reason: string | null;
  deferredUntil: string | null;
}

export interface SummarySheet {
  school: ClassContext['school'];
  schoolClass: ClassContext['schoolClass'];
  period: PeriodRef | null;
  subjects: string[];
  students: SummaryStudent[];
  deferred: DeferredMark[];
  /** Students and subjects with neither a final nor a deferred mark. */
  missing: Array<{ studentName: string; subjectName: string }>;
}

export interface SummaryInput {
  schoolId: string;
  classId?: string;
  classExternalId?: string;
  periodId?: string;
  periodExternalId?: string;
  now?: Date;
}

/**
 * R7: the сводная ведомость of a class for a period. The subjects are those taught to the
 * class in the period (lessons) plus any with a final mark, so a subject nobody got a mark
 * in still shows who is missing one.
 */
export async function buildSummarySheet(prisma: PrismaClient, input: SummaryInput): Promise<SummarySheet> {
  const ctx = await loadClassContext(prisma, input.schoolId, input, input.now ?? new Date());
  const period = await pickPeriod(prisma, ctx.school.id, ctx.today, input);
  const students = await prisma.student.findMany({ where: { classId: ctx.schoolClass.id }, orderBy: [{ fullName: 'asc' }, { externalId: 'asc' }] });
  if (!period) return { school: ctx.school, schoolClass: ctx.schoolClass, period, subjects: [], students: [], deferred: [], missing: [] };
  const finals = await prisma.finalMark.findMany({
    where: { periodId: period.id, studentId: { in: students.map((s) => s.id) } },
    include: { subject: { select: { name: true } } },
  });
  const taught = await prisma.lesson.findMany({
    where: { classId: ctx.schoolClass.id, date: { gte: new Date(`${period.startsOn}T00:00:00Z`), lte: new Date(`${period.endsOn}T00:00:00Z`) } },
    distinct: ['subjectId'],
    select: { subject: { select: { name: true } } },
  });
  const subjects = [...new Set([...taught.map((l) => l.subject.name), ...finals.map((f) => f.subject.name)])].sort((a, b) => a.localeCompare(b, 'ru'));
  const byKey = new Map(finals.map((f) => [`${f.studentId}:${f.subject.name}`, f]));
  const rows: SummaryStudent[] = [];
  const deferred: DeferredMark[] = [];
  const missing: SummarySheet['missing'] = [];
  for (const student of students) {
    const marks: Record<string, string | null> = {};
    for (const subject of subjects) {
      const f = byKey.get(`${student.id}:${subject}`);
      if (!f) {
        marks[subject] = null;
        missing.push({ studentName: student.fullName, subjectName: subject });
      } else if (f.status === 'deferred') {
        marks[subject] = 'deferred';
        deferred.push({ studentName: student.fullName, subjectName: subject, reason: f.reason, deferredUntil: f.deferredUntil?.toISOString().slice(0, 10) ?? null });
      } else {
        marks[subject] = f.value ?? null;
        if (f.value === null) missing.push({ studentName: student.fullName, subjectName: subject });
      }
    }
    rows.push({ studentId: student.id, studentName: student.fullName, marks });
  }
  return { school: ctx.school, schoolClass: ctx.schoolClass, period, subjects, students: rows, deferred, missing };
}
