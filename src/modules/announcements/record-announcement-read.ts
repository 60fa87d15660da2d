// A family opened an announcement: on the family page, in the bot's /inbox, or through its
// attachment link (an acknowledgment counts as read on its own). The first time and where
// is kept; the school comes from the announcement, so a guardian of another school records nothing.
import type { Prisma, PrismaClient } from '../../db/prisma.js';
import type { ChannelType } from '../notifications/types.js';

export interface AnnouncementReadInput {
  announcementId: string;
  guardianId: string;
  channelType: ChannelType | 'web';
  at: Date;
}

export async function recordAnnouncementRead(prisma: PrismaClient | Prisma.TransactionClient, read: AnnouncementReadInput): Promise<boolean> {
  const inserted = await prisma.$executeRaw`
    INSERT INTO announcement_reads ("schoolId", "announcementId", "guardianId", "channelType", "readAt")
    SELECT a."schoolId", a.id, g.id, ${read.channelType}::"ChannelType", ${read.at}
      FROM announcements a JOIN guardians g ON g."schoolId" = a."schoolId"
     WHERE a.id = ${read.announcementId}::uuid AND g.id = ${read.guardianId}::uuid
    ON CONFLICT DO NOTHING`;
  return inserted > 0;
}
