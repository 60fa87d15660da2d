import type { PrismaClient } from '../../db/prisma.js';
import { chatBotId } from './chat-bot-id.js';

export type ChatStateChange = 'stopped' | 'removed' | 'muted' | 'unmuted' | 'restarted';

/**
 * What the messenger tells us about a parent's chat. A stopped bot or removed dialog
 * makes the chat inactive, so messages fall back as Telegram's 403 makes them; starting
 * the bot again brings back a chat that was stopped this way (never one withdrawn). A
 * muted chat stays in use, but critical messages are then also sent by email.
 */
export async function recordChatState(
  prisma: PrismaClient,
  input: { channel: 'telegram' | 'max'; chatId: string; change: ChatStateChange; botId?: string },
): Promise<number> {
  // Stopping one school's bot says nothing about the same person's chat with another bot.
  const where = { type: input.channel, address: input.chatId, botId: chatBotId(input.channel, input.botId) } as const;
  const reason = `${input.channel}: ${input.change === 'removed' ? 'dialog removed' : 'bot stopped'} by the parent`;
  switch (input.change) {
    case 'stopped':
    case 'removed':
      return (await prisma.channel.updateMany({ where: { ...where, active: true }, data: { active: false, inactiveReason: reason } })).count;
    case 'restarted':
      return (
        await prisma.channel.updateMany({
          where: { ...where, active: false, inactiveReason: { startsWith: `${input.channel}: `, endsWith: ' by the parent' }, guardian: { status: 'active' } },
          data: { active: true, inactiveReason: null },
        })
      ).count;
    case 'muted':
      return (await prisma.channel.updateMany({ where, data: { muted: true } })).count;
    case 'unmuted':
      return (await prisma.channel.updateMany({ where, data: { muted: false } })).count;
  }
}
