// The overview sorts families by the channel that actually reaches them. Written as SQL so a
// school of thousands is counted in one query; the rules are those of choose-channels.ts.
import { Prisma } from '../../db/prisma.js';

/** The buckets of the overview's "families connected" card, in the order they are shown. */
export const FAMILY_CHANNELS = ['max', 'telegram', 'webpush', 'email', 'paper', 'none'] as const;
export type FamilyChannel = (typeof FAMILY_CHANNELS)[number];

/** A channel row `c` that reaches its guardian now (channelState's "works", electronic only). */
export const WORKING_ELECTRONIC = Prisma.sql`(c.type <> 'paper' AND c.active AND c.enabled AND c.verified AND c.address IS NOT NULL)`;

/**
 * Ranks working channels the way the planner tries them: the chat (or web push) the guardian
 * chose, then MAX, Telegram, web push, and email last. Needs `c` (channels) and `g` (guardians).
 */
export const CHANNEL_RANK = Prisma.sql`(CASE WHEN c.type::text = g."preferredChat"::text AND c.type <> 'email' THEN 0 ELSE 10 END
  + CASE c.type WHEN 'max' THEN 1 WHEN 'telegram' THEN 2 WHEN 'webpush' THEN 3 ELSE 50 END)`;

/**
 * The channel a guardian's messages go to first, or 'paper' when nothing electronic works
 * (the planner then prints the message for the class teacher to hand out).
 */
export function firstChannelSql(guardian: Prisma.Sql, exceptChannel: Prisma.Sql = Prisma.sql`NULL::uuid`): Prisma.Sql {
  return Prisma.sql`COALESCE((SELECT c.type::text FROM channels c JOIN guardians g ON g.id = c."guardianId"
      WHERE c."guardianId" = ${guardian} AND ${WORKING_ELECTRONIC} AND c.id IS DISTINCT FROM ${exceptChannel}
      ORDER BY ${CHANNEL_RANK}, c.type LIMIT 1), 'paper')`;
}
