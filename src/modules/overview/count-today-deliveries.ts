import type { PrismaClient } from '../../db/prisma.js';
import { DELIVERY_STATUSES, loadDeliveryHistory, type DeliveryStatus } from './load-delivery-history.js';

export interface TodayDeliveries {
  date: string;
  totals: Record<DeliveryStatus, number>;
  byChannel: Array<{ channel: string } & Record<DeliveryStatus, number>>;
}

const zero = (): Record<DeliveryStatus, number> => Object.fromEntries(DELIVERY_STATUSES.map((s) => [s, 0])) as Record<DeliveryStatus, number>;

/** Today's messages (the school's day, midnight to midnight) by status, in all and per channel. */
export async function countTodayDeliveries(prisma: PrismaClient, schoolId: string, timeZone: string, now: Date): Promise<TodayDeliveries> {
  const history = await loadDeliveryHistory(prisma, schoolId, timeZone, now, 1);
  const date = history.days[0] as string;
  const totals = zero();
  const channels = new Map<string, Record<DeliveryStatus, number>>();
  for (const c of history.counts) {
    totals[c.status] += c.count;
    const row = channels.get(c.channel) ?? zero();
    row[c.status] += c.count;
    channels.set(c.channel, row);
  }
  return { date, totals, byChannel: [...channels].map(([channel, counts]) => ({ channel, ...counts })) };
}
