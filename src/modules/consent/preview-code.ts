import { chatBotId } from '../channels/chat-bot-id.js';
import { botServesSchool } from './bot-serves-school.js';
import { chatKey } from './chat-key.js';
import { checkRedeemRateLimit } from './check-redeem-rate-limit.js';
import { describeCodeChild, type CodeChild } from './describe-code-child.js';
import { hasStandingConsent } from '../students/has-standing-consent.js';
import { isParentChat } from './is-parent-chat.js';
import { isRedeemedByChat } from './is-redeemed-by-chat.js';
import { hashCode, normaliseCode } from './normalise-code.js';
import { recordCodeAttempt } from './record-code-attempt.js';
import { failCodeAttempt } from './fail-code-attempt.js';
import { effectiveStatus, type ConsentDeps, type Db } from './types.js';

/** The chat messengers a school offers families. */
export async function offeredChats(db: Db, schoolId: string): Promise<Array<'telegram' | 'max'>> {
  const school = await db.school.findUnique({ where: { id: schoolId }, select: { chatChannels: true } });
  return (school?.chatChannels ?? []).filter((c): c is 'telegram' | 'max' => c === 'telegram' || c === 'max');
}

export interface CodeAttemptRequest {
  chatId: string;
  /** The messenger the chat is in; Telegram when not said. */
  channel?: 'telegram' | 'max';
  /** The bot the chat talks to; the messenger's default bot when not said. */
  botId?: string;
  /** The code as the parent typed it or as it came in the deep link. */
  text: string;
  now?: Date;
}

/**
 * What the chat is told about a code. `invalid` covers wrong, expired, revoked, refused
 * and used codes alike, so an answer never reveals which codes exist.
 */
export type CodePreview =
  | { kind: 'rate-limited'; retryAt: Date; retryInMinutes: number }
  | { kind: 'invalid'; attemptsLeft: number }
  | { kind: 'not-registered'; child: CodeChild }
  | { kind: 'already-linked'; child: CodeChild }
  /** The school does not offer this messenger: the parent is told which ones it does. */
  | { kind: 'channel-not-offered'; child: CodeChild; offered: Array<'telegram' | 'max'> }
  /** A student code before any guardian of the student has signed the consent form. */
  | { kind: 'needs-consent' }
  /** A student code sent from a chat that is already a parent's: the roles do not mix. */
  | { kind: 'parent-chat'; child: CodeChild }
  | { kind: 'ready'; code: string; child: CodeChild; forStudent?: true };


/** The confirmation step: checks the code and says whose it is, changing nothing but counters. */
export async function previewCode(deps: ConsentDeps, request: CodeAttemptRequest): Promise<CodePreview> {
  const { prisma, secret, logger } = deps;
  const now = request.now ?? new Date();
  const channel = request.channel ?? 'telegram';
  const botId = chatBotId(channel, request.botId);
  const key = chatKey(secret, request.chatId, channel);
  const limit = await checkRedeemRateLimit(prisma, key, now);
  if (!limit.allowed) return { kind: 'rate-limited', retryAt: limit.retryAt, retryInMinutes: limit.retryInMinutes };

  const normalised = normaliseCode(request.text);
  const found = normalised ? await prisma.consentCode.findUnique({ where: { codeHash: hashCode(secret, normalised) } }) : null;
  // Another school's code is, to this bot, a code that does not exist: the same answer, a failed attempt.
  const code = found && (await botServesSchool(prisma, botId, channel, found.schoolId)) ? found : null;
  const status = code ? effectiveStatus(code, now) : undefined;
  if (code && normalised && (status === 'active' || status === 'issued')) {
    await recordCodeAttempt(prisma, logger, { chatId: key, succeeded: true, now });
    const child = await describeCodeChild(prisma, code.id);
    const offered = await offeredChats(prisma, code.schoolId);
    if (!offered.includes(channel)) return { kind: 'channel-not-offered', child, offered };
    if (code.forStudent && !(await hasStandingConsent(prisma, code.studentId))) return { kind: 'needs-consent' };
    if (code.forStudent && (await isParentChat(prisma, request.chatId, channel, botId))) return { kind: 'parent-chat', child };
    return status === 'active' ? { kind: 'ready', code: normalised, child, ...(code.forStudent ? { forStudent: true as const } : {}) } : { kind: 'not-registered', child };
  }
  if (code && status === 'redeemed' && (await isRedeemedByChat(prisma, code, request.chatId, channel, botId))) {
    await recordCodeAttempt(prisma, logger, { chatId: key, succeeded: true, now });
    return { kind: 'already-linked', child: await describeCodeChild(prisma, code.id) };
  }
  return failCodeAttempt(deps, key, code ? { id: code.id, schoolId: code.schoolId, status } : undefined, now, limit.remaining);
}
