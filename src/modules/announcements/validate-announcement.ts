// Everything an announcement is checked for before anything is written (create) or counted
// (preview): the text, who may send it where, when, and its attachment. Each refusal names
// the field and the reason, so every door (web form, CLI, API) can say what is wrong.
import type { PrismaClient, Prisma } from '../../db/prisma.js';
import { AppError } from '../../lib/app-error.js';
import { isUuid } from '../../lib/uuid.js';
import { illFormedReason, describeIllFormed } from '../../lib/well-formed-text.js';
import { detectAttachmentType, type AttachmentType } from './detect-attachment-type.js';
import {
  isStaffAuthor,
  MAX_ANNOUNCEMENT_TEXT,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENT_NAME,
  MAX_SCHEDULE_DAYS,
  type AnnouncementAuthor,
  type AnnouncementInput,
} from './types.js';

/** A form sent "now" reaches the server a moment later: that much in the past still means now. */
const PAST_TOLERANCE_MS = 60_000;
const DAY_MS = 86_400_000;

export interface ValidAnnouncement {
  schoolId: string;
  audience: 'school' | 'classes';
  /** The classes it reaches now: every class of the school, or the chosen ones. */
  classes: Array<{ id: string; name: string }>;
  text: string;
  ackRequired: boolean;
  urgent: boolean;
  sendAt: Date;
  /** True when it goes at once. */
  due: boolean;
  attachment: { fileName: string; mimeType: AttachmentType; bytes: Buffer } | null;
}

const invalid = (field: string, reason: string, message: string, extra: Record<string, unknown> = {}) =>
  new AppError('INVALID_INPUT', message, { field, reason, ...extra });

export async function validateAnnouncement(
  prisma: PrismaClient | Prisma.TransactionClient,
  author: AnnouncementAuthor,
  input: AnnouncementInput,
  now: Date,
): Promise<ValidAnnouncement> {
  const text = checkText(input.text);
  if (input.urgent && isStaffAuthor(author) && author.role !== 'admin') {
    throw new AppError('FORBIDDEN', 'only a school administrator may mark an announcement urgent', { field: 'urgent', reason: 'admin_only' });
  }
  const sendAt = checkSendAt(input.sendAt, now);
  const attachment = input.attachment ? checkAttachment(input.attachment) : null;
  const classes = await checkAudience(prisma, author, input.audience);
  return {
    schoolId: author.schoolId,
    audience: input.audience.kind,
    classes,
    text,
    ackRequired: Boolean(input.ackRequired),
    urgent: Boolean(input.urgent),
    sendAt,
    due: sendAt.getTime() <= now.getTime(),
    attachment,
  };
}

function checkText(raw: string): string {
  if (typeof raw !== 'string') throw invalid('text', 'empty', 'the announcement has no text');
  // Line ends as one: a text file from Windows must not count its \r against the limit.
  const text = raw.replace(/\r\n?/g, '\n').trim();
  if (!text) throw invalid('text', 'empty', 'the announcement has no text');
  const bad = illFormedReason(text);
  if (bad) throw invalid('text', 'ill_formed', `the text ${describeIllFormed(bad)}`, { codePoint: bad.codePoint });
  if (text.length > MAX_ANNOUNCEMENT_TEXT) {
    throw invalid('text', 'too_long', `the text is ${text.length} characters long; at most ${MAX_ANNOUNCEMENT_TEXT} fit in one message`, {
      limit: MAX_ANNOUNCEMENT_TEXT,
      length: text.length,
    });
  }
  return text;
}

function checkSendAt(sendAt: Date | null, now: Date): Date {
  if (sendAt === null || sendAt === undefined) return now;
  if (!(sendAt instanceof Date) || Number.isNaN(sendAt.getTime())) throw invalid('sendAt', 'invalid', 'the sending time is not a valid date and time');
  if (sendAt.getTime() < now.getTime() - PAST_TOLERANCE_MS) throw invalid('sendAt', 'past', 'the sending time is in the past');
  if (sendAt.getTime() > now.getTime() + MAX_SCHEDULE_DAYS * DAY_MS) {
    throw invalid('sendAt', 'too_far', `an announcement can be scheduled at most ${MAX_SCHEDULE_DAYS} days ahead`, { limitDays: MAX_SCHEDULE_DAYS });
  }
  return sendAt.getTime() < now.getTime() ? now : sendAt;
}

function checkAttachment(file: NonNullable<AnnouncementInput['attachment']>): ValidAnnouncement['attachment'] {
  const fileName = (file.fileName ?? '').trim().replace(/^.*[\\/]/, '');
  if (!fileName) throw invalid('attachment', 'no_name', 'the attachment has no file name');
  const bad = illFormedReason(fileName);
  if (bad) throw invalid('attachment', 'ill_formed_name', `the attachment's name ${describeIllFormed(bad)}`, { codePoint: bad.codePoint });
  if (fileName.length > MAX_ATTACHMENT_NAME) throw invalid('attachment', 'name_too_long', `the attachment's name is longer than ${MAX_ATTACHMENT_NAME} characters`, { limit: MAX_ATTACHMENT_NAME });
  if (!file.bytes || file.bytes.length === 0) throw invalid('attachment', 'empty', `the attachment ${fileName} is empty`, { fileName });
  if (file.bytes.length > MAX_ATTACHMENT_BYTES) {
    throw new AppError('PAYLOAD_TOO_LARGE', `the attachment ${fileName} is larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`, {
      field: 'attachment',
      reason: 'too_large',
      fileName,
      limitBytes: MAX_ATTACHMENT_BYTES,
      size: file.bytes.length,
    });
  }
  const mimeType = detectAttachmentType(file.bytes);
  if (!mimeType) throw invalid('attachment', 'type', `the attachment ${fileName} is not a PDF, PNG or JPEG file`, { fileName });
  return { fileName, mimeType, bytes: Buffer.from(file.bytes) };
}

async function checkAudience(
  prisma: PrismaClient | Prisma.TransactionClient,
  author: AnnouncementAuthor,
  audience: AnnouncementInput['audience'],
): Promise<Array<{ id: string; name: string }>> {
  const teacher = isStaffAuthor(author) && author.role === 'teacher';
  const order = [{ grade: 'asc' as const }, { name: 'asc' as const }];
  if (!audience || (audience.kind !== 'school' && audience.kind !== 'classes')) throw invalid('audience', 'invalid', 'say who the announcement is for');
  if (audience.kind === 'school') {
    if (teacher) throw new AppError('FORBIDDEN', 'a class teacher may send announcements only to their own class', { field: 'audience', reason: 'own_class_only' });
    const classes = await prisma.schoolClass.findMany({ where: { schoolId: author.schoolId }, select: { id: true, name: true }, orderBy: order });
    if (classes.length === 0) throw invalid('audience', 'no_classes', 'the school has no classes yet');
    return classes;
  }
  const ids = [...new Set(audience.classIds ?? [])];
  if (ids.length === 0) throw invalid('classIds', 'empty', 'choose at least one class');
  if (teacher && ids.some((id) => id !== (author as { classId: string | null }).classId)) {
    throw new AppError('FORBIDDEN', 'a class teacher may send announcements only to their own class', { field: 'classIds', reason: 'own_class_only' });
  }
  const unknown = ids.find((id) => !isUuid(id));
  if (unknown !== undefined) throw new AppError('NOT_FOUND', `no class ${unknown} in this school`, { field: 'classIds', reason: 'unknown_class', classId: unknown });
  const classes = await prisma.schoolClass.findMany({ where: { schoolId: author.schoolId, id: { in: ids } }, select: { id: true, name: true }, orderBy: order });
  const missing = ids.find((id) => !classes.some((c) => c.id === id));
  if (missing) throw new AppError('NOT_FOUND', `no class ${missing} in this school`, { field: 'classIds', reason: 'unknown_class', classId: missing });
  return classes;
}
