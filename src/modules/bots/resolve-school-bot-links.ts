// The bot a school's families are sent to on each messenger: in every deep link, QR code and
// printed form. A school's own bot accepts only its school's codes and the default bot only
// those of schools without one (bot-serves-school.ts), so a link naming the wrong bot would
// be refused.
import type { Prisma, PrismaClient } from '../../db/prisma.js';
import type { ChatChannel } from '../notifications/choose-channels.js';

/**
 * The default bot's username, as the messenger reports it (the adapter asks getMe / GET /me
 * and caches it). Null when that bot is not configured or cannot be reached.
 */
export type DefaultBotUsername = (channel: ChatChannel) => Promise<string | null | undefined>;

export interface SchoolBotLink {
  channel: ChatChannel;
  /** Without "@"; null when no bot serves the school on this messenger (none of its own, no default). */
  botUsername: string | null;
  /** True: the school's own bot; false: the default one. */
  own: boolean;
}

/** One per channel asked for, in that order. */
export async function resolveSchoolBotLinks(
  prisma: PrismaClient | Prisma.TransactionClient,
  schoolId: string,
  channels: readonly ChatChannel[],
  defaultUsername: DefaultBotUsername,
): Promise<SchoolBotLink[]> {
  if (channels.length === 0) return [];
  const own = await prisma.bot.findMany({ where: { schoolId, type: { in: [...channels] } }, select: { type: true, username: true } });
  return Promise.all(
    channels.map(async (channel) => {
      const mine = own.find((b) => b.type === channel);
      // A school's own bot without a known username gets no link: the default bot would refuse its codes.
      if (mine) return { channel, botUsername: mine.username?.replace(/^@/, '') || null, own: true };
      const name = await defaultUsername(channel).catch(() => null);
      return { channel, botUsername: name || null, own: false };
    }),
  );
}
