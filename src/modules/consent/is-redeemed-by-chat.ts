import { chatBotId } from '../channels/chat-bot-id.js';
import type { Db } from './types.js';

/** Whether the code was redeemed by this chat (a repeated /start): a guardian's channel, or the student's own account. */
export async function isRedeemedByChat(
  db: Db,
  code: { id: string; redeemedByGuardianId: string | null; forStudent?: boolean },
  chatId: string,
  channel: 'telegram' | 'max' = 'telegram',
  botId?: string,
): Promise<boolean> {
  const bot = chatBotId(channel, botId);
  if (code.forStudent) return (await db.studentAccount.findFirst({ where: { codeId: code.id, channel, address: chatId, botId: bot } })) !== null;
  if (!code.redeemedByGuardianId) return false;
  const found = await db.channel.findFirst({ where: { guardianId: code.redeemedByGuardianId, type: channel, address: chatId, botId: bot } });
  return found !== null;
}
