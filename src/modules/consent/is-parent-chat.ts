import { chatBotId } from '../channels/chat-bot-id.js';
import type { Db } from './types.js';

/**
 * Whether the chat is already an active parent's chat. A student code is refused there: the
 * chat would keep acting as the parent (and the student would see the parent's screens), so
 * the student's own account needs the student's own messenger, or the family page.
 */
export async function isParentChat(db: Db, chatId: string, channel: 'telegram' | 'max', botId?: string): Promise<boolean> {
  const found = await db.channel.findFirst({ where: { type: channel, address: chatId, botId: chatBotId(channel, botId), active: true, guardian: { status: 'active' } }, select: { id: true } });
  return found !== null;
}
