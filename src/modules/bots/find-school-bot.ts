// The bot that serves a school's families on one messenger: its own, else the default bot.
import type { Prisma, PrismaClient } from '../../db/prisma.js';
import type { ChatChannel } from '../notifications/choose-channels.js';
import { DEFAULT_BOT_IDS } from './default-bots.js';

export interface SchoolBotRow {
  id: string;
  schoolId: string | null;
  externalId: string | null;
  username: string | null;
  tokenHint: string | null;
}

const SELECT = { id: true, schoolId: true, externalId: true, username: true, tokenHint: true } as const;

export async function findSchoolBot(prisma: PrismaClient | Prisma.TransactionClient, schoolId: string, type: ChatChannel): Promise<SchoolBotRow> {
  const own = await prisma.bot.findUnique({ where: { schoolId_type: { schoolId, type } }, select: SELECT });
  return own ?? { id: DEFAULT_BOT_IDS[type], schoolId: null, externalId: null, username: null, tokenHint: null, ...(await prisma.bot.findUnique({ where: { id: DEFAULT_BOT_IDS[type] }, select: SELECT })) };
}
