// The chats a school's families linked through a bot that no longer serves the school: turned
// inactive ('bot_replaced'), so their messages fall back to the next channel and the staff
// pages say why. `detach` also clears their bot, for a bot row that is about to be deleted.
import type { Prisma } from '../../db/prisma.js';

export const BOT_REPLACED = 'bot_replaced';

export async function unlinkBotChats(tx: Prisma.TransactionClient, schoolId: string, botId: string, detach: boolean): Promise<string[]> {
  const where = { botId, guardian: { schoolId } };
  const active = await tx.channel.findMany({ where: { ...where, active: true }, select: { id: true } });
  const ids = active.map((c) => c.id);
  if (ids.length > 0) await tx.channel.updateMany({ where: { id: { in: ids } }, data: { active: false, inactiveReason: BOT_REPLACED } });
  // Inactive ones (blocked, stopped) keep the reason they already have.
  if (detach) await tx.channel.updateMany({ where, data: { botId: null } });
  return ids;
}
