// An update is handled once per bot, whichever way it came: Telegram resends a webhook
// update it got no 200 for, and a poller taking a bot over from another is given again the
// last batch the other fetched but never confirmed. The first to remember the id handles it.
import type { PrismaClient } from '../../db/prisma.js';
import type { Logger } from '../../lib/logger.js';

/** Telegram resends an update for at most a day; older ids need not be remembered. */
const REMEMBER_MS = 2 * 86_400_000;
const PRUNE_EVERY_MS = 3_600_000;

/** True for the first delivery of this update to this bot, false for a repeat. */
export type TelegramUpdateClaim = (botId: string, updateId: number) => Promise<boolean>;

export function createTelegramUpdateClaim(prisma: PrismaClient, logger?: Logger): TelegramUpdateClaim {
  let lastPrune = 0;
  return async (botId, updateId) => {
    const inserted = await prisma.$executeRaw`
      INSERT INTO processed_updates ("botId", "updateId") VALUES (${botId}::uuid, ${BigInt(updateId)}) ON CONFLICT DO NOTHING`;
    if (Date.now() - lastPrune > PRUNE_EVERY_MS) {
      lastPrune = Date.now();
      void prisma.processedUpdate
        .deleteMany({ where: { receivedAt: { lt: new Date(Date.now() - REMEMBER_MS) } } })
        .catch((error: unknown) => logger?.warn({ err: error }, 'could not prune the remembered Telegram updates'));
    }
    return inserted > 0;
  };
}
