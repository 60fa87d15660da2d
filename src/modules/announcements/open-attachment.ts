// The attachment behind a messenger's or a push's link. The link names the outbox row it
// was sent in and is signed (sign-link.ts), so it opens without a password, cannot be
// guessed, and tells who opened it: that counts as reading the announcement.
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../lib/app-error.js';
import { checkLinkToken } from '../notifications/sign-link.js';
import { isAnnouncementPayload, type ChannelType, type OutboxPayload } from '../notifications/types.js';
import { recordAnnouncementRead } from './record-announcement-read.js';

export interface OpenedAttachment {
  fileName: string;
  mimeType: string;
  bytes: Buffer;
}

export async function openAnnouncementAttachment(prisma: PrismaClient, secret: string, token: string, now: Date): Promise<OpenedAttachment> {
  const check = checkLinkToken(secret, 'attachment', token, now);
  if (check.kind === 'expired') throw new AppError('NOT_FOUND', 'this link has expired', { reason: 'expired' });
  if (check.kind !== 'valid') throw new AppError('NOT_FOUND', 'no such file', { reason: 'invalid' });
  const message = await prisma.outboxMessage.findUnique({
    where: { id: check.id },
    select: { schoolId: true, guardianId: true, channelType: true, payload: true, guardian: { select: { status: true } } },
  });
  const payload = message?.payload as OutboxPayload | undefined;
  if (!message || !payload || !isAnnouncementPayload(payload) || !payload.attachment) throw new AppError('NOT_FOUND', 'no such file');
  // A family that withdrew consent is no longer served, old links included.
  if (message.guardian && message.guardian.status !== 'active') throw new AppError('NOT_FOUND', 'no such file', { reason: 'withdrawn' });
  const file = await prisma.announcementAttachment.findUnique({
    where: { schoolId_announcementId: { schoolId: message.schoolId, announcementId: payload.announcementId } },
    select: { fileName: true, mimeType: true, bytes: true },
  });
  if (!file) throw new AppError('NOT_FOUND', 'no such file');
  if (message.guardianId) {
    await recordAnnouncementRead(prisma, { announcementId: payload.announcementId, guardianId: message.guardianId, channelType: message.channelType as ChannelType, at: now });
  }
  return { fileName: file.fileName, mimeType: file.mimeType, bytes: Buffer.from(file.bytes) };
}

/** The attachment for staff (the tracking page's download), scoped by the caller. */
export async function loadAttachmentFile(prisma: PrismaClient, schoolId: string, announcementId: string): Promise<OpenedAttachment | null> {
  const file = await prisma.announcementAttachment.findUnique({ where: { schoolId_announcementId: { schoolId, announcementId } }, select: { fileName: true, mimeType: true, bytes: true } });
  return file ? { fileName: file.fileName, mimeType: file.mimeType, bytes: Buffer.from(file.bytes) } : null;
}
