import type { Db } from './types.js';

/** Whether the code was redeemed by a guardian this chat is a channel of (a repeated /start). */
export async function isRedeemedByChat(db: Db, code: { redeemedByGuardianId: string | null }, chatId: string, channel: 'telegram' | 'max' = 'telegram'): Promise<boolean> {
  if (!code.redeemedByGuardianId) return false;
  const found = await db.channel.findFirst({ where: { guardianId: code.redeemedByGuardianId, type: channel, address: chatId } });
  return found !== null;
}
