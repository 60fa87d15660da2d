import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../lib/app-error.js';
import { localDate } from './format.js';
import { pickPeriod, type PeriodRef } from './load-class-context.js';

export interface LessonsRow {
  classId: string;
  className: string;
  subjectName: string;
  /** Lessons planned in the period, cancelled ones included (a moved lesson counts on its new date). */
  scheduled: number;
  /** Scheduled lessons whose date has passed and that were not cancelled. */
  held: number;
  cancelled: number;
  /** Still to come in the period. */
  remaining: number;
}

export interface LessonsReport {
  period: PeriodRef | null;
  today: string;
  rows: LessonsRow[];
}

/** R7: per class and subject, lessons held against lessons scheduled in the period. */
export async function buildLessonsVsPlan(prisma: PrismaClient, input: { schoolId: string; classId?: string; periodId?: string; now?: Date }): Promise<LessonsReport> {
  const school = await prisma.school.findUnique({ where: { id: input.schoolId }, select: { timezone: true } });
  if (!school) throw new AppError('NOT_FOUND', 'no such school');
  const today = localDate(input.now ?? new Date(), school.timezone);
  const period = await pickPeriod(prisma, input.schoolId, today, { periodId: input.periodId });
  if (!period) return { period: null, today, rows: [] };
  // COALESCE(newDate, date): a lesson moved into or out of the period counts where it now is.
  const rows = await prisma.$queryRaw<Array<{ classId: string; className: string; subjectName: string; scheduled: bigint; held: bigint; cancelled: bigint; remaining: bigint }>>`
    SELECT c.id::text AS "classId", c.name AS "className", s.name AS "subjectName",
      count(*) AS scheduled,
      count(*) FILTER (WHERE ch.kind IS DISTINCT FROM 'cancelled' AND COALESCE(ch."newDate", l.date) < ${today}::date) AS held,
      count(*) FILTER (WHERE ch.kind = 'cancelled') AS cancelled,
      count(*) FILTER (WHERE ch.kind IS DISTINCT FROM 'cancelled' AND COALESCE(ch."newDate", l.date) >= ${today}::date) AS remaining
    FROM lessons l
    JOIN classes c ON c."schoolId" = l."schoolId" AND c.id = l."classId"
    JOIN subjects s ON s."schoolId" = l."schoolId" AND s.id = l."subjectId"
    LEFT JOIN lesson_changes ch ON ch."schoolId" = l."schoolId" AND ch."lessonId" = l.id
    WHERE l."schoolId" = ${input.schoolId}::uuid
      AND (${input.classId ?? null}::uuid IS NULL OR l."classId" = ${input.classId ?? null}::uuid)
      AND COALESCE(ch."newDate", l.date) BETWEEN ${period.startsOn}::date AND ${period.endsOn}::date
    GROUP BY c.id, c.name, c.grade, s.name
    ORDER BY c.grade, c.name, s.name`;
  return {
    period,
    today,
    rows: rows.map((r) => ({ ...r, scheduled: Number(r.scheduled), held: Number(r.held), cancelled: Number(r.cancelled), remaining: Number(r.remaining) })),
  };
}
