import type { PrismaClient } from '../../db/prisma.js';
import { auditConsentAction } from '../consent/audit-consent-action.js';
import { botServesSchool } from '../consent/bot-serves-school.js';
import { chatKey } from '../consent/chat-key.js';
import { chatBotId } from './chat-bot-id.js';
import { CHAT_LINK_PREFIX, chatLinkHash } from './create-chat-link.js';

export type ChatLinkResult = { kind: 'linked'; guardianIds: string[]; keptChat: 'telegram' | 'max' | null } | { kind: 'invalid' };

/**
 * Opens a "connect another messenger" link in that messenger: the chat becomes a verified
 * channel of the same guardians (their consent covers it). Single use and short-lived; a
 * link for the other messenger, a used or an expired one is refused alike. The messenger
 * that received messages so far keeps receiving them until the parent chooses otherwise.
 */
export async function redeemChatLink(
  prisma: PrismaClient,
  secret: string,
  input: { payload: string; channel: 'telegram' | 'max'; chatId: string; botId?: string; locale?: 'ru' | 'en'; now: Date },
): Promise<ChatLinkResult> {
  const botId = chatBotId(input.channel, input.botId);
  if (!input.payload.startsWith(CHAT_LINK_PREFIX)) return { kind: 'invalid' };
  const tokenHash = chatLinkHash(secret, input.payload.slice(CHAT_LINK_PREFIX.length));
  return prisma.$transaction(async (tx) => {
    const claimed = await tx.chatLinkToken.updateMany({
      where: { tokenHash, channel: input.channel, usedAt: null, expiresAt: { gt: input.now } },
      data: { usedAt: input.now },
    });
    if (claimed.count === 0) return { kind: 'invalid' } as const;
    const token = await tx.chatLinkToken.findUniqueOrThrow({ where: { tokenHash } });
    const found = await tx.guardian.findMany({ where: { id: { in: token.guardianIds }, status: 'active' }, include: { channels: { where: { active: true } } } });
    // Opened in a bot that does not serve the family's school: as if the link did not exist.
    const guardians = [];
    for (const guardian of found) if (await botServesSchool(tx, botId, input.channel, guardian.schoolId)) guardians.push(guardian);
    if (guardians.length === 0) return { kind: 'invalid' } as const;
    let keptChat: 'telegram' | 'max' | null = null;
    for (const guardian of guardians) {
      await tx.channel.upsert({
        where: { guardianId_type_address: { guardianId: guardian.id, type: input.channel, address: input.chatId } },
        create: { guardianId: guardian.id, type: input.channel, address: input.chatId, botId, verified: true, locale: input.locale ?? null },
        update: { active: true, verified: true, inactiveReason: null, botId },
      });
      const existing = guardian.channels.find((c) => (c.type === 'telegram' || c.type === 'max') && c.type !== input.channel);
      const kept = (guardian.preferredChat as 'telegram' | 'max' | null) ?? (existing?.type as 'telegram' | 'max' | undefined) ?? null;
      if (kept && !guardian.preferredChat) await tx.guardian.update({ where: { id: guardian.id }, data: { preferredChat: kept } });
      keptChat ??= kept;
      await auditConsentAction(tx, {
        schoolId: guardian.schoolId,
        actor: { type: 'guardian', id: guardian.id },
        action: 'channel.link',
        targetType: 'guardian',
        targetId: guardian.id,
        details: { channel: input.channel, chat: chatKey(secret, input.chatId, input.channel) },
      });
    }
    return { kind: 'linked', guardianIds: guardians.map((g) => g.id), keptChat } as const;
  });
}
