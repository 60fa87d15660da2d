import type { PrismaClient } from '../../db/prisma.js';
import { findPeriod } from '../periods/find-period.js';
import { isoDay } from './local-date.js';
import type { PeriodInfo } from './types.js';

/** The reporting period `today` falls in, chosen by findPeriod (the shortest covering one). */
export async function findCurrentPeriod(prisma: PrismaClient, schoolId: string, today: Date): Promise<PeriodInfo | null> {
  const periods = await prisma.$queryRaw<Array<{ id: string; name: string; startsOn: string; endsOn: string }>>`
    SELECT id, name, "startsOn"::text AS "startsOn", "endsOn"::text AS "endsOn" FROM academic_periods
    WHERE "schoolId" = ${schoolId}::uuid AND "startsOn" <= ${isoDay(today)}::date AND "endsOn" >= ${isoDay(today)}::date`;
  return findPeriod(periods, isoDay(today)) ?? null;
}
