// Writes an announcement (and its attachment) and, when it is due, its outbox rows, all in
// one transaction: a failure leaves nothing half-written, and a scheduled one waits for the
// planner (send-due-announcements).
import type { PrismaClient } from '../../db/prisma.js';
import { prismaQueryable } from '../../db/prisma-queryable.js';
import type { ChannelType } from '../notifications/types.js';
import { emptyByChannel } from './build-outbox-rows.js';
import { describeAuthor } from './describe-author.js';
import { sendAnnouncement } from './send-announcement.js';
import type { AnnouncementAuthor, AnnouncementInput } from './types.js';
import { validateAnnouncement } from './validate-announcement.js';

export interface CreatedAnnouncement {
  id: string;
  status: 'scheduled' | 'sending' | 'sent';
  sendAt: Date;
  /** Families it went to; for a scheduled one, those it would reach now. */
  recipients: number;
  byChannel: Record<ChannelType, number>;
  /** Families whose quiet hours hold it back. */
  quietHoursDeferred: number;
  classes: Array<{ id: string; name: string }>;
}

export async function createAnnouncement(prisma: PrismaClient, author: AnnouncementAuthor, input: AnnouncementInput, now: Date): Promise<CreatedAnnouncement> {
  const valid = await validateAnnouncement(prisma, author, input, now);
  const who = describeAuthor(author);
  return prisma.$transaction(async (tx) => {
    const row = await tx.announcement.create({
      data: {
        schoolId: valid.schoolId,
        ...who,
        audience: valid.audience,
        classIds: valid.audience === 'school' ? [] : valid.classes.map((c) => c.id),
        text: valid.text,
        ackRequired: valid.ackRequired,
        urgent: valid.urgent,
        sendAt: valid.sendAt,
        createdAt: now,
      },
      select: { id: true },
    });
    if (valid.attachment) {
      const { fileName, mimeType, bytes } = valid.attachment;
      await tx.announcementAttachment.create({
        data: { announcementId: row.id, schoolId: valid.schoolId, fileName, mimeType, size: bytes.length, bytes: new Uint8Array(bytes), createdAt: now },
      });
    }
    await tx.auditLog.create({
      data: {
        schoolId: valid.schoolId,
        actorType: who.authorType,
        actorId: who.authorId,
        action: 'announcement.create',
        targetType: 'announcement',
        targetId: row.id,
        details: {
          classes: valid.classes.length,
          classNames: valid.audience === 'school' ? [] : valid.classes.map((c) => c.name),
          audience: valid.audience,
          sendAt: valid.sendAt.toISOString(),
          ackRequired: valid.ackRequired,
          urgent: valid.urgent,
          attachment: valid.attachment?.fileName ?? null,
        },
        createdAt: now,
      },
    });
    if (!valid.due) {
      return { id: row.id, status: 'scheduled', sendAt: valid.sendAt, recipients: 0, byChannel: emptyByChannel(), quietHoursDeferred: 0, classes: valid.classes };
    }
    const sent = await sendAnnouncement(prismaQueryable(tx), row.id, now, { type: who.authorType, id: who.authorId });
    return {
      id: row.id,
      status: sent && sent.messages > 0 ? 'sending' : 'sent',
      sendAt: valid.sendAt,
      recipients: sent?.recipients ?? 0,
      byChannel: sent?.byChannel ?? emptyByChannel(),
      quietHoursDeferred: sent?.deferred ?? 0,
      classes: valid.classes,
    };
  });
}
