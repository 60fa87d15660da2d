// RFC 8058 one-click unsubscribe: the email channel stops being used for everyday
// messages. It stays verified, so a failing Telegram can still fall back to it (R8).
import type { PrismaClient } from '../../db/prisma.js';

export type UnsubscribeResult = { kind: 'done' | 'withdrawn'; locale: string | null } | { kind: 'not_found'; locale: null };

export async function unsubscribeChannel(prisma: PrismaClient, channelId: string): Promise<UnsubscribeResult> {
  const channel = await prisma.channel.findUnique({ where: { id: channelId }, include: { guardian: { select: { locale: true, status: true } } } });
  if (!channel) return { kind: 'not_found', locale: null };
  const locale = channel.locale ?? channel.guardian.locale;
  // Nothing is written for a family that withdrew consent.
  if (channel.guardian.status !== 'active') return { kind: 'withdrawn', locale };
  await prisma.channel.update({ where: { id: channelId }, data: { enabled: false } });
  return { kind: 'done', locale };
}
