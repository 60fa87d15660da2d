// An update is handled once per bot, whichever way it came: MAX retries a webhook delivery
// it got no 200 for, and a poller taking a bot over from another may be given again what the
// other fetched last. MAX updates carry no id: maxUpdateKey names them.
import type { PrismaClient } from '../../db/prisma.js';
import type { Logger } from '../../lib/logger.js';

/** MAX gives up on a delivery well within this; older keys need not be remembered. */
const REMEMBER_MS = 2 * 86_400_000;
const PRUNE_EVERY_MS = 3_600_000;

/** True for the first delivery of this update to this bot, false for a repeat. */
export type MaxUpdateClaim = (botId: string, key: string) => Promise<boolean>;

export function createMaxUpdateClaim(prisma: PrismaClient, logger?: Logger): MaxUpdateClaim {
  let lastPrune = 0;
  return async (botId, key) => {
    const inserted = await prisma.$executeRaw`INSERT INTO processed_max_updates ("botId", "key") VALUES (${botId}::uuid, ${key}) ON CONFLICT DO NOTHING`;
    if (Date.now() - lastPrune > PRUNE_EVERY_MS) {
      lastPrune = Date.now();
      void prisma.processedMaxUpdate
        .deleteMany({ where: { receivedAt: { lt: new Date(Date.now() - REMEMBER_MS) } } })
        .catch((error: unknown) => logger?.warn({ err: error }, 'could not prune the remembered MAX updates'));
    }
    return inserted > 0;
  };
}
