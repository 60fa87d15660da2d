import type { PrismaClient } from '../../db/prisma.js';
import { isoDay, localToday } from './local-date.js';
import type { ViewScope } from './types.js';

export interface HolidayEntry {
  name: string;
  startsOn: string;
  endsOn: string;
}

/** Holidays not yet over for the whole school or the child's class, soonest first. */
export async function getHolidays(prisma: PrismaClient, scope: ViewScope, limit = 5): Promise<HolidayEntry[]> {
  const today = localToday(scope.now, scope.child.timezone);
  // An empty (or absent) class list means the whole school; Prisma cannot express "NULL or empty".
  const rows = await prisma.$queryRaw<Array<{ name: string; startsOn: string | Date; endsOn: string | Date }>>`
    SELECT name, "startsOn"::text AS "startsOn", "endsOn"::text AS "endsOn" FROM holidays
    WHERE "schoolId" = ${scope.child.schoolId}::uuid AND "endsOn" >= ${isoDay(today)}::date
      AND (coalesce(cardinality("classIds"), 0) = 0 OR ${scope.child.classId}::uuid = ANY("classIds"))
    ORDER BY "startsOn" LIMIT ${limit}`;
  return rows.map((r) => ({ name: r.name, startsOn: String(r.startsOn), endsOn: String(r.endsOn) }));
}
