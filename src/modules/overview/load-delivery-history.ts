import type { PrismaClient } from '../../db/prisma.js';
import { addDays } from '../../lib/zoned-time.js';
import { localDayStart, schoolToday } from './local-day.js';

/** How the overview groups outbox statuses: what a person checking on deliveries asks. */
export const DELIVERY_STATUSES = ['delivered', 'failed', 'fell_back', 'waiting'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface DeliveryCount {
  /** The school's calendar day, 'YYYY-MM-DD'. */
  day: string;
  channel: string;
  status: DeliveryStatus;
  count: number;
}

export interface DeliveryHistory {
  /** Every day of the window, oldest first, today last. */
  days: string[];
  counts: DeliveryCount[];
}

/**
 * Messages to families by the school's calendar day, channel and status over the last `days`
 * days (today included). A message counts on the day something last happened to it: sent on
 * its sending day, failed or handed to another channel on that day, waiting on the day it
 * was written. Cancelled messages (withdrawn before sending) are left out.
 */
export async function loadDeliveryHistory(prisma: PrismaClient, schoolId: string, timeZone: string, now: Date, days = 14): Promise<DeliveryHistory> {
  const today = schoolToday(now, timeZone);
  const first = addDays(today.date, -(days - 1));
  const from = localDayStart(first, timeZone);
  const rows = await prisma.$queryRaw<Array<{ day: string; channel: string; status: DeliveryStatus; count: number }>>`
    SELECT to_char(at AT TIME ZONE ${timeZone}, 'YYYY-MM-DD') AS day, channel, status, count(*)::int AS count
      FROM (
        SELECT m."channelType"::text AS channel,
               CASE WHEN m.status IN ('sent', 'acknowledged') THEN 'delivered' WHEN m.status = 'failed' THEN 'failed'
                    WHEN m.status = 'fell_back' THEN 'fell_back' ELSE 'waiting' END AS status,
               CASE WHEN m.status IN ('sent', 'acknowledged') THEN COALESCE(m."sentAt", m."updatedAt")
                    WHEN m.status IN ('failed', 'fell_back') THEN m."updatedAt" ELSE m."createdAt" END AS at
          FROM outbox_messages m
         WHERE m."schoolId" = ${schoolId}::uuid AND m."guardianId" IS NOT NULL AND m.status <> 'cancelled'
           AND m."createdAt" < ${today.to}
      ) activity
     WHERE at >= ${from} AND at < ${today.to}
     GROUP BY 1, 2, 3
     ORDER BY 1, 2, 3`;
  const window = Array.from({ length: days }, (_, i) => addDays(first, i));
  return { days: window, counts: rows };
}
