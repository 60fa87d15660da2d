// Reads what estimateRemainingLessons needs for one class and period: the loaded lessons
// (with cancellations) and the holidays of the class or the whole school.
import type { PrismaClient } from '../../db/prisma.js';
import { estimateRemainingLessons, type RemainingLessons } from './estimate-remaining-lessons.js';

export interface RemainingLessonsScope {
  schoolId: string;
  classId: string;
  /** 'YYYY-MM-DD' in the school's zone. */
  today: string;
  period: { startsOn: string; endsOn: string };
}

export async function loadRemainingLessons(prisma: Pick<PrismaClient, '$queryRaw'>, scope: RemainingLessonsScope): Promise<RemainingLessons | null> {
  const { schoolId, classId, today, period } = scope;
  const [lessons, holidays] = await Promise.all([
    prisma.$queryRaw<Array<{ subjectId: string; date: string; cancelled: boolean }>>`
      SELECT l."subjectId", l.date::text AS date, coalesce(c.kind = 'cancelled', false) AS cancelled
        FROM lessons l LEFT JOIN lesson_changes c ON c."schoolId" = l."schoolId" AND c."lessonId" = l.id
       WHERE l."schoolId" = ${schoolId}::uuid AND l."classId" = ${classId}::uuid AND l.date BETWEEN ${period.startsOn}::date AND ${period.endsOn}::date`,
    prisma.$queryRaw<Array<{ startsOn: string; endsOn: string }>>`
      SELECT "startsOn"::text AS "startsOn", "endsOn"::text AS "endsOn" FROM holidays
       WHERE "schoolId" = ${schoolId}::uuid AND "endsOn" > ${today}::date AND "startsOn" <= ${period.endsOn}::date
         AND (coalesce(cardinality("classIds"), 0) = 0 OR ${classId}::uuid = ANY("classIds"))`,
  ]);
  return estimateRemainingLessons({ lessons, holidays, today, periodEndsOn: period.endsOn });
}
