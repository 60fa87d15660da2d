import type { PrismaClient } from '../../db/prisma.js';
import { isoDay } from './local-date.js';
import type { PeriodInfo } from './types.js';

/**
 * The reporting period `today` falls in. Quarters sit inside the year, so the
 * shortest period covering the day is the one parents mean by "current".
 */
export async function findCurrentPeriod(prisma: PrismaClient, schoolId: string, today: Date): Promise<PeriodInfo | null> {
  const periods = await prisma.$queryRaw<Array<{ id: string; name: string; startsOn: string; endsOn: string }>>`
    SELECT id, name, "startsOn"::text AS "startsOn", "endsOn"::text AS "endsOn" FROM academic_periods
    WHERE "schoolId" = ${schoolId}::uuid AND "startsOn" <= ${isoDay(today)}::date AND "endsOn" >= ${isoDay(today)}::date`;
  let best: (typeof periods)[number] | undefined;
  for (const period of periods) {
    const span = Date.parse(period.endsOn) - Date.parse(period.startsOn);
    if (!best || span < Date.parse(best.endsOn) - Date.parse(best.startsOn)) best = period;
  }
  return best ?? null;
}
