// RFC 8058 one-click unsubscribe: the email channel stops being used for everyday
// messages. It stays verified, so a failing Telegram can still fall back to it (R8).
import type { PrismaClient } from '../../db/prisma.js';

export async function unsubscribeChannel(prisma: PrismaClient, channelId: string): Promise<{ found: boolean; locale: string | null }> {
  const channel = await prisma.channel.findUnique({ where: { id: channelId }, include: { guardian: { select: { locale: true } } } });
  if (!channel) return { found: false, locale: null };
  await prisma.channel.update({ where: { id: channelId }, data: { enabled: false } });
  return { found: true, locale: channel.locale ?? channel.guardian.locale };
}
