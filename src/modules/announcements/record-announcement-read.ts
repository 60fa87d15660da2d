// A family opened an announcement: on the family page, in the bot's /inbox, through its
// attachment link, or by acknowledging it. The first time and where is kept.
import type { Prisma, PrismaClient } from '../../db/prisma.js';
import type { ChannelType } from '../notifications/types.js';

export interface AnnouncementReadInput {
  schoolId: string;
  announcementId: string;
  guardianId: string;
  channelType: ChannelType | 'web';
  at: Date;
}

export async function recordAnnouncementReads(prisma: PrismaClient | Prisma.TransactionClient, reads: readonly AnnouncementReadInput[]): Promise<number> {
  if (reads.length === 0) return 0;
  const created = await prisma.announcementRead.createMany({
    data: reads.map((r) => ({ schoolId: r.schoolId, announcementId: r.announcementId, guardianId: r.guardianId, channelType: r.channelType, readAt: r.at })),
    skipDuplicates: true,
  });
  return created.count;
}
