// A bot serves one school's families: a school's own bot only that school, a default bot the
// schools that registered none of their own for its messenger. A code or a link of a school
// the bot does not serve is treated as if it did not exist.
import { Prisma } from '../../db/prisma.js';
import { DEFAULT_BOT_IDS } from '../bots/default-bots.js';
import type { Db } from './types.js';

/** SQL that is true when `botId` serves the school `schoolId` (an SQL expression) on `channel`. */
export function botServesSchoolSql(botId: string, channel: 'telegram' | 'max', schoolId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`${botId}::uuid = COALESCE(
    (SELECT b.id FROM bots b WHERE b."schoolId" = ${schoolId} AND b.type = ${channel}::"ChannelType"),
    ${DEFAULT_BOT_IDS[channel]}::uuid)`;
}

export async function botServesSchool(db: Db, botId: string, channel: 'telegram' | 'max', schoolId: string): Promise<boolean> {
  const own = await db.bot.findUnique({ where: { schoolId_type: { schoolId, type: channel } }, select: { id: true } });
  return (own?.id ?? DEFAULT_BOT_IDS[channel]) === botId;
}
