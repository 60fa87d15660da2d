// R10: parents check progress at least twice a week. "Twice" means on two different days of
// the school's week: a parent who opens the bot twice in one evening has checked once.
import type { PrismaClient } from '../../db/prisma.js';
import { MIN_WEEKLY_VIEWS } from '../reports/class-ack-report.js';
import { weeksBetween } from '../reports/format.js';
import { pickPeriod, type PeriodRef } from '../reports/load-class-context.js';
import { localDate } from '../../lib/zoned-time.js';

export interface ClassCompliance {
  classId: string;
  className: string;
  /** Active guardians of the class's students: the share's denominator. */
  guardians: number;
  /** One entry per week of `weeks`: guardians who checked on at least two days that week. */
  met: number[];
}

export interface WeeklyCompliance {
  period: PeriodRef | null;
  /** Mondays of the period's weeks up to today, 'YYYY-MM-DD'. */
  weeks: string[];
  /** The week that contains today, if it is in the list: it is not over yet. */
  currentWeek: string | null;
  classes: ClassCompliance[];
}

export async function loadWeeklyCompliance(prisma: PrismaClient, schoolId: string, timeZone: string, now: Date, classId: string | null = null): Promise<WeeklyCompliance> {
  const today = localDate(now, timeZone);
  const period = await pickPeriod(prisma, schoolId, today);
  const classes = await prisma.schoolClass.findMany({ where: { schoolId, ...(classId ? { id: classId } : {}) }, select: { id: true, name: true }, orderBy: [{ grade: 'asc' }, { name: 'asc' }] });
  if (!period || period.startsOn > today) return { period, weeks: [], currentWeek: null, classes: classes.map((c) => ({ classId: c.id, className: c.name, guardians: 0, met: [] })) };
  const to = period.endsOn < today ? period.endsOn : today;
  const weeks = weeksBetween(period.startsOn, to);
  const members = await prisma.$queryRaw<Array<{ classId: string; guardians: number }>>`
    SELECT st."classId"::text AS "classId", count(DISTINCT gs."guardianId")::int AS guardians
      FROM students st JOIN guardian_students gs ON gs."studentId" = st.id JOIN guardians g ON g.id = gs."guardianId" AND g.status = 'active'
     WHERE st."schoolId" = ${schoolId}::uuid AND (${classId}::uuid IS NULL OR st."classId" = ${classId}::uuid)
     GROUP BY 1`;
  const rows = await prisma.$queryRaw<Array<{ classId: string; week: string; met: number }>>`
    WITH members AS (
      SELECT DISTINCT st."classId", gs."guardianId"
        FROM students st JOIN guardian_students gs ON gs."studentId" = st.id JOIN guardians g ON g.id = gs."guardianId" AND g.status = 'active'
       WHERE st."schoolId" = ${schoolId}::uuid AND (${classId}::uuid IS NULL OR st."classId" = ${classId}::uuid)
    ), checked AS (
      SELECT v."guardianId", date_trunc('week', v."viewedAt" AT TIME ZONE ${timeZone})::date AS week,
             count(DISTINCT (v."viewedAt" AT TIME ZONE ${timeZone})::date) AS days
        FROM view_events v
       WHERE v."guardianId" IN (SELECT "guardianId" FROM members)
         AND v."viewedAt" >= (${period.startsOn}::date)::timestamp AT TIME ZONE ${timeZone}
         AND v."viewedAt" < ((${to}::date) + 1)::timestamp AT TIME ZONE ${timeZone}
       GROUP BY 1, 2
    )
    SELECT m."classId"::text AS "classId", c.week::text AS week, count(*)::int AS met
      FROM members m JOIN checked c ON c."guardianId" = m."guardianId"
     WHERE c.days >= ${MIN_WEEKLY_VIEWS}
     GROUP BY 1, 2`;
  const total = new Map(members.map((m) => [m.classId, m.guardians]));
  const met = new Map(rows.map((r) => [`${r.classId}:${r.week}`, r.met]));
  const monday = weeksBetween(today, today)[0] ?? null;
  return {
    period,
    weeks,
    currentWeek: monday && weeks.includes(monday) ? monday : null,
    classes: classes.map((c) => ({ classId: c.id, className: c.name, guardians: total.get(c.id) ?? 0, met: weeks.map((w) => met.get(`${c.id}:${w}`) ?? 0) })),
  };
}
