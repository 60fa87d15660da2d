import { Prisma } from '../../db/prisma.js';
import type { Lang } from '../../i18n/index.js';
import { hasStandingConsent, standingConsentSql } from '../students/has-standing-consent.js';
import { chatBotId } from '../channels/chat-bot-id.js';
import { auditConsentAction } from './audit-consent-action.js';
import { botServesSchool, botServesSchoolSql } from './bot-serves-school.js';
import { chatKey } from './chat-key.js';
import { checkRedeemRateLimit } from './check-redeem-rate-limit.js';
import { describeCodeChild, type CodeChild } from './describe-code-child.js';
import { failCodeAttempt } from './fail-code-attempt.js';
import { isParentChat } from './is-parent-chat.js';
import { isRedeemedByChat } from './is-redeemed-by-chat.js';
import { hashCode, normaliseCode } from './normalise-code.js';
import { offeredChats, type CodePreview } from './preview-code.js';
import { recordCodeAttempt } from './record-code-attempt.js';
import { effectiveStatus, type ConsentDeps, type Db } from './types.js';

export interface RedeemCodeRequest {
  chatId: string;
  /** The messenger the chat is in; Telegram when not said. */
  channel?: 'telegram' | 'max';
  /** The bot the chat talks to; the messenger's default bot when not said. */
  botId?: string;
  text: string;
  /** The parent's messenger language, kept on the new channel. */
  locale?: Lang;
  now?: Date;
}

export type RedeemResult =
  | Exclude<CodePreview, { kind: 'ready' }>
  | { kind: 'redeemed'; guardianId: string; child: CodeChild }
  /** A student code: the chat is now the student's own, read-only account. */
  | { kind: 'student-linked'; studentId: string; child: CodeChild };

interface ClaimedCode {
  id: string;
  school_id: string;
  student_id: string;
  guardian_id: string | null;
  for_student: boolean;
}

/** A guardian this chat already is in the school: one parent redeeming codes for several children. */
async function guardianOfChat(tx: Db, schoolId: string, chatId: string, channel: 'telegram' | 'max', botId: string): Promise<string | undefined> {
  const found = await tx.channel.findFirst({
    where: { type: channel, address: chatId, botId, guardian: { schoolId, status: 'active' } },
    orderBy: { createdAt: 'asc' },
  });
  return found?.guardianId;
}

/**
 * Links the chat to the code's child. The claim is one conditional UPDATE: of two chats
 * confirming the same code at once, the second blocks on the row lock and then finds the
 * status no longer 'active', so exactly one wins.
 */
export async function redeemCode(deps: ConsentDeps, request: RedeemCodeRequest): Promise<RedeemResult> {
  const { prisma, secret, logger } = deps;
  const now = request.now ?? new Date();
  const channel = request.channel ?? 'telegram';
  const botId = chatBotId(channel, request.botId);
  const key = chatKey(secret, request.chatId, channel);
  // Checked here as well as in the preview: callback data can be forged by a client.
  const limit = await checkRedeemRateLimit(prisma, key, now);
  if (!limit.allowed) return { kind: 'rate-limited', retryAt: limit.retryAt, retryInMinutes: limit.retryInMinutes };
  const normalised = normaliseCode(request.text);
  const codeHash = normalised ? hashCode(secret, normalised) : undefined;

  const redeemed = codeHash
    ? await prisma.$transaction(async (tx) => {
        const claimed = await tx.$queryRaw<ClaimedCode[]>`
          UPDATE consent_codes SET status = 'redeemed', "redeemedAt" = ${now}
          WHERE "codeHash" = ${codeHash} AND status = 'active' AND "expiresAt" > ${now}
            AND ${channel}::"ChannelType" = ANY (SELECT unnest("chatChannels") FROM schools WHERE id = consent_codes."schoolId")
            AND ${botServesSchoolSql(botId, channel, Prisma.sql`consent_codes."schoolId"`)}
            AND (NOT "forStudent" OR ${standingConsentSql(Prisma.sql`consent_codes."studentId"`)})
            AND (NOT "forStudent" OR NOT EXISTS (
              SELECT 1 FROM channels c JOIN guardians g ON g.id = c."guardianId"
              WHERE c.type = ${channel}::"ChannelType" AND c.address = ${request.chatId} AND c."botId" = ${botId}::uuid AND c.active AND g.status = 'active'))
          RETURNING id, "schoolId" AS school_id, "studentId" AS student_id, "guardianId" AS guardian_id, "forStudent" AS for_student`;
        const code = claimed[0];
        if (!code) return undefined;
        if (code.for_student) {
          // One chat, one student: a chat that held another student's account now holds this one.
          await tx.studentAccount.upsert({
            where: { channel_address_botId: { channel, address: request.chatId, botId } },
            create: { studentId: code.student_id, channel, address: request.chatId, botId, codeId: code.id, createdAt: now },
            update: { studentId: code.student_id, codeId: code.id, createdAt: now },
          });
          await auditConsentAction(tx, {
            schoolId: code.school_id,
            actor: { type: 'system' },
            action: 'consent.code.redeem',
            targetType: 'consent_code',
            targetId: code.id,
            details: { channel, chat: key, forStudent: true },
          });
          return { student: true as const, studentId: code.student_id, codeId: code.id };
        }
        const guardianId =
          code.guardian_id ??
          (await guardianOfChat(tx, code.school_id, request.chatId, channel, botId)) ??
          (
            await tx.guardian.create({
              data: { schoolId: code.school_id, locale: request.locale ?? (await tx.school.findUniqueOrThrow({ where: { id: code.school_id } })).defaultLocale },
            })
          ).id;
        await tx.channel.upsert({
          where: { guardianId_type_address: { guardianId, type: channel, address: request.chatId } },
          create: { guardianId, type: channel, address: request.chatId, botId, verified: true, locale: request.locale ?? null },
          update: { active: true, verified: true, inactiveReason: null, botId },
        });
        await tx.guardianStudent.upsert({
          where: { guardianId_studentId: { guardianId, studentId: code.student_id } },
          create: { guardianId, studentId: code.student_id },
          update: {},
        });
        await tx.guardian.updateMany({ where: { id: guardianId, selectedStudentId: null }, data: { selectedStudentId: code.student_id } });
        await tx.consentCode.update({ where: { id: code.id }, data: { redeemedByGuardianId: guardianId, guardianId } });
        // A bulk-issued code has a consent record without a guardian yet: it is this one.
        await tx.consentRecord.updateMany({ where: { codeId: code.id, guardianId: null }, data: { guardianId } });
        await auditConsentAction(tx, {
          schoolId: code.school_id,
          actor: { type: 'guardian', id: guardianId },
          action: 'consent.code.redeem',
          targetType: 'consent_code',
          targetId: code.id,
          details: { channel, chat: key },
        });
        return { student: false as const, guardianId, codeId: code.id };
      })
    : undefined;

  if (redeemed) {
    await recordCodeAttempt(prisma, logger, { chatId: key, succeeded: true, now });
    if (redeemed.student) return { kind: 'student-linked', studentId: redeemed.studentId, child: await describeCodeChild(prisma, redeemed.codeId) };
    return { kind: 'redeemed', guardianId: redeemed.guardianId, child: await describeCodeChild(prisma, redeemed.codeId) };
  }
  // Lost the race, or the code was never redeemable: say which only to the chat that holds it.
  const found = codeHash ? await prisma.consentCode.findUnique({ where: { codeHash } }) : null;
  // Another school's code is, to this bot, a code that does not exist.
  const code = found && (await botServesSchool(prisma, botId, channel, found.schoolId)) ? found : null;
  const status = code ? effectiveStatus(code, now) : undefined;
  if (code && status === 'issued') return { kind: 'not-registered', child: await describeCodeChild(prisma, code.id) };
  if (code && status === 'active') {
    if (code.forStudent && !(await hasStandingConsent(prisma, code.studentId))) return { kind: 'needs-consent' };
    if (code.forStudent && (await isParentChat(prisma, request.chatId, channel, botId))) return { kind: 'parent-chat', child: await describeCodeChild(prisma, code.id) };
    const offered = await offeredChats(prisma, code.schoolId);
    if (!offered.includes(channel)) return { kind: 'channel-not-offered', child: await describeCodeChild(prisma, code.id), offered };
  }
  if (code && status === 'redeemed' && (await isRedeemedByChat(prisma, code, request.chatId, channel, botId))) {
    return { kind: 'already-linked', child: await describeCodeChild(prisma, code.id) };
  }
  return failCodeAttempt(deps, key, code ? { id: code.id, schoolId: code.schoolId, status } : undefined, now, limit.remaining);
}
