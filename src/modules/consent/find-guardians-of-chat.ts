import { chatBotId } from '../channels/chat-bot-id.js';
import type { Db } from './types.js';

/** The active guardians a messenger chat is a channel of (one per school it registered with). */
export async function findGuardiansOfChat(db: Db, chatId: string, channel: 'telegram' | 'max' = 'telegram', botId?: string): Promise<Array<{ id: string; schoolId: string }>> {
  return db.guardian.findMany({
    where: { status: 'active', channels: { some: { type: channel, address: chatId, botId: chatBotId(channel, botId) } } },
    select: { id: true, schoolId: true },
    orderBy: { createdAt: 'asc' },
  });
}
