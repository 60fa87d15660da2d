// R10: a press of Acknowledge (button or email link) records guardian, message, time
// and channel once; the class teacher hears of it in the daily summary.
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../lib/app-error.js';
import type { ChannelType } from './types.js';

export interface AcknowledgmentInput {
  outboxMessageId: string;
  /** Where it was pressed: a messenger, an email link, or the family's web page. */
  channelType: ChannelType | 'web';
  /** When given (the bot knows who pressed), the message must belong to this guardian. */
  guardianId?: string;
  at?: Date;
}

export interface AcknowledgmentResult {
  recorded: boolean;
  guardianId: string;
  acknowledgedAt: Date;
}

/** The message to acknowledge, or the refusal: NOT_FOUND, or FORBIDDEN once the family withdrew consent. */
async function findAcknowledgeable(prisma: PrismaClient, outboxMessageId: string, guardianId?: string) {
  const message = await prisma.outboxMessage.findUnique({
    where: { id: outboxMessageId },
    select: { id: true, schoolId: true, guardianId: true, kind: true, payload: true, guardian: { select: { status: true } } },
  });
  if (!message?.guardianId || (guardianId && guardianId !== message.guardianId)) {
    throw new AppError('NOT_FOUND', 'no such message for this guardian');
  }
  // A family that withdrew consent is no longer processed: a link from an old email records nothing.
  if (message.guardian?.status !== 'active') {
    throw new AppError('FORBIDDEN', 'the guardian has withdrawn consent', { withdrawn: true });
  }
  return { ...message, guardianId: message.guardianId };
}

/** Throws as recordAcknowledgment would, changing nothing: the link page checks before showing its button. */
export async function assertAcknowledgeable(prisma: PrismaClient, outboxMessageId: string): Promise<void> {
  await findAcknowledgeable(prisma, outboxMessageId);
}

export async function recordAcknowledgment(prisma: PrismaClient, input: AcknowledgmentInput): Promise<AcknowledgmentResult> {
  const message = await findAcknowledgeable(prisma, input.outboxMessageId, input.guardianId);
  const guardianId = message.guardianId;
  // One acknowledgment per guardian and cause: the Telegram and email copies of one
  // message (or its fallback) count once; an announcement's reminders count for it.
  const payload = message.payload as { cause?: string; ackReference?: string };
  const cause = payload.ackReference ?? payload.cause ?? message.id;
  const at = input.at ?? new Date();
  return prisma.$transaction(async (tx) => {
    const created = await tx.acknowledgment.createMany({
      data: [{ schoolId: message.schoolId, guardianId, outboxMessageId: message.id, subject: message.kind, reference: cause, channelType: input.channelType, acknowledgedAt: at }],
      skipDuplicates: true,
    });
    if (created.count === 0) {
      const existing = await tx.acknowledgment.findFirst({ where: { schoolId: message.schoolId, guardianId, subject: message.kind, reference: cause } });
      return { recorded: false, guardianId, acknowledgedAt: existing?.acknowledgedAt ?? at };
    }
    await tx.outboxMessage.update({ where: { id: message.id }, data: { status: 'acknowledged' } });
    return { recorded: true, guardianId, acknowledgedAt: at };
  });
}
