// The bot serving a school's families on each messenger, as staff and operators may see it:
// the @username, the token masked, and how many families' chats are linked through it.
import type { PrismaClient } from '../../db/prisma.js';
import { maskToken } from '../../lib/seal-token.js';
import { CHAT_CHANNELS } from '../notifications/choose-channels.js';
import { countLinkedChats } from './count-linked-chats.js';
import { findSchoolBot } from './find-school-bot.js';
import type { SchoolBotView } from './types.js';

export async function listSchoolBots(prisma: PrismaClient, schoolId: string): Promise<SchoolBotView[]> {
  return Promise.all(
    CHAT_CHANNELS.map(async (type) => {
      const bot = await findSchoolBot(prisma, schoolId, type);
      const own = bot.schoolId === schoolId;
      return {
        type,
        own,
        botId: bot.id,
        username: bot.username,
        // tokenHint holds the last four characters, which is all maskToken shows.
        tokenMasked: own && bot.tokenHint ? maskToken(bot.tokenHint) : null,
        chats: await countLinkedChats(prisma, schoolId, bot.id),
      };
    }),
  );
}
