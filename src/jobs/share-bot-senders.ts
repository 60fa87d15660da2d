// The workers share the chat bots out: each bot (the environment's default ones and every
// school's own) is sent by one worker at a time, the holder of its `send:<botId>` lease,
// through a dispatcher of its own that claims only that bot's rows. Bots move between the
// workers as they join, leave or die (create-lease-share.ts).
import type pg from 'pg';
import type { Logger } from '../lib/logger.js';
import { createLeaseShare, type LeaseShare } from '../modules/bots/create-lease-share.js';
import type { BotRef } from '../modules/bots/types.js';
import { createDispatcher, type Dispatcher } from '../modules/delivery/dispatch-loop.js';
import type { ChannelSender } from '../modules/delivery/types.js';

export interface BotSenderSettings {
  perSecond: number;
  apiRoot?: string;
  timeoutSeconds?: number;
}

export interface ShareBotSendersOptions {
  pool: pg.Pool;
  workerId: string;
  listBots: () => Promise<BotRef[]>;
  telegram: BotSenderSettings;
  max: BotSenderSettings;
  links?: { publicUrl: string; secret: string };
  /** The bot leases' and the claimed rows' lease; 10 s by default, as the dispatcher's. */
  leaseMs?: number;
  logger?: Logger;
}

async function createBotSender(bot: BotRef, options: ShareBotSendersOptions): Promise<ChannelSender> {
  const { pool, links } = options;
  // Imported only when there is a bot: grammY costs ~20 MB otherwise idle.
  if (bot.type === 'telegram') {
    const { createTelegramSender } = await import('../channels/telegram/telegram-sender.js');
    const s = options.telegram;
    return createTelegramSender({ token: bot.token, apiRoot: s.apiRoot, perSecond: s.perSecond, timeoutSeconds: s.timeoutSeconds, pool, links });
  }
  const { createMaxSender } = await import('../channels/max/max-sender.js');
  const s = options.max;
  return createMaxSender({ token: bot.token, apiRoot: s.apiRoot, perSecond: s.perSecond, timeoutSeconds: s.timeoutSeconds, pool, links });
}

export function shareBotSenders(options: ShareBotSendersOptions): LeaseShare {
  const leaseMs = options.leaseMs ?? 10_000;
  const dispatchers = new Map<string, Dispatcher>();
  return createLeaseShare({
    pool: options.pool,
    kind: 'send',
    memberId: options.workerId,
    leaseMs,
    listBots: options.listBots,
    logger: options.logger,
    async onAcquired(held) {
      const sender = await createBotSender(held.bot, options);
      const perSecond = options[held.bot.type].perSecond;
      // A local queue about two seconds deep: enough to never wait for a claim, short
      // enough that a final grade claimed next is not stuck behind a long digest wave.
      // The limiter paces sending; lanes only bound requests in flight, and enough of them
      // keep going while a few hang until the send timeout.
      const lanes = Math.max(32, perSecond);
      const dispatcher = createDispatcher({
        pool: options.pool, sender, workerId: options.workerId, concurrency: lanes, batchSize: Math.max(perSecond * 2, lanes),
        leaseMs, heldLease: held, botId: held.bot.id, logger: options.logger?.child({ bot: held.bot.id }),
        // The lease is still held (and renewed) while a bot is released, so a send under way
        // may run to its own timeout: cut short, an answer lost on the way would be sent again
        // by the next holder. Only a lost lease cuts sends off, at its margin (dispatch-loop.ts).
        stopGraceMs: (options[held.bot.type].timeoutSeconds ?? 10) * 1000,
      });
      dispatchers.set(held.bot.id, dispatcher);
      dispatcher.start();
    },
    async onReleased(held) {
      // Its sends finish and are recorded, its queued rows go back: then the next worker may start.
      const dispatcher = dispatchers.get(held.bot.id);
      dispatchers.delete(held.bot.id);
      await dispatcher?.stop();
    },
  });
}
