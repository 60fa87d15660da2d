// How many of a school's families would lose their chat if the bot they linked it through
// stopped serving the school: active chats of its guardians linked through that bot.
import type { Prisma, PrismaClient } from '../../db/prisma.js';

export async function countLinkedChats(prisma: PrismaClient | Prisma.TransactionClient, schoolId: string, botId: string): Promise<number> {
  return prisma.channel.count({ where: { botId, active: true, guardian: { schoolId } } });
}
