import type { PrismaClient } from '../../db/prisma.js';
import { calendarToken } from './calendar-token.js';

/** Turns the feed on, or gives it a new address (the old one stops working): one URL per guardian. */
export async function resetCalendarFeed(prisma: PrismaClient, secret: string, publicUrl: string, guardianIds: string[]): Promise<string[]> {
  await prisma.guardian.updateMany({ where: { id: { in: guardianIds }, status: 'active' }, data: { calendarVersion: { increment: 1 } } });
  return calendarFeedUrls(prisma, secret, publicUrl, guardianIds);
}

/** The current feed URLs of these guardians; empty while the feed is off. */
export async function calendarFeedUrls(prisma: PrismaClient, secret: string, publicUrl: string, guardianIds: string[]): Promise<string[]> {
  const guardians = await prisma.guardian.findMany({ where: { id: { in: guardianIds }, status: 'active', calendarVersion: { gt: 0 } }, select: { id: true, calendarVersion: true } });
  const base = publicUrl.replace(/\/+$/, '');
  return guardians.map((g) => `${base}/calendar/${calendarToken(secret, g.id, g.calendarVersion)}.ics`);
}
