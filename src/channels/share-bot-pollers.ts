// The `bot` processes share the long polling out: each bot (the environment's default ones
// and every school's own, of the messengers in polling mode) is polled by one process at a
// time, the holder of its `poll:<botId>` lease, since Telegram answers a second getUpdates
// with 409 and MAX would hand each update to one poller at random. The bots are listed again
// on every heartbeat, so a bot registered while the processes run is polled within one, and a
// removed one is dropped. A poller handing a bot over lets the updates under way finish; the
// next one may be given the last batch again, and each update is remembered per bot so that
// it is handled once (claim-telegram-update.ts, claim-max-update.ts). A new token of a bot
// it polls is taken up on the next heartbeat too.
import type { AppContext } from '../app/app-context.js';
import { createLeaseShare, type LeaseShare } from '../modules/bots/create-lease-share.js';
import { listRunnableBots } from '../modules/bots/list-runnable-bots.js';
import type { BotRef } from '../modules/bots/types.js';
import type { ChatChannel } from '../modules/notifications/choose-channels.js';

export interface ShareBotPollersOptions {
  memberId: string;
  /** The messengers whose bots are polled (those not in webhook mode). */
  types: ChatChannel[];
  /** The poll leases' length: how long a dead process's bots wait for another. 10 s by default. */
  leaseMs?: number;
}

interface Poller {
  stop(): Promise<void>;
}

async function startPoller(ctx: AppContext, ref: BotRef): Promise<Poller> {
  const logger = ctx.logger.child({ component: ref.type === 'telegram' ? 'bot' : 'max-bot', botId: ref.id });
  const deps = { config: ctx.config, prisma: ctx.db.prisma, reads: ctx.db.reads, logger, secret: ctx.secret, bot: ref };
  // Imported only when there is a bot: grammY and MAX's SDK cost ~20 MB otherwise idle.
  if (ref.type === 'telegram') {
    const [{ createTelegramBot }, { startPolling }, { createTelegramUpdateClaim }] = await Promise.all([
      import('./telegram/create-telegram-bot.js'),
      import('./telegram/run-telegram.js'),
      import('./telegram/claim-telegram-update.js'),
    ]);
    const claim = createTelegramUpdateClaim(ctx.db.prisma, logger);
    const handle = await startPolling(createTelegramBot({ ...deps, claim: (updateId) => claim(ref.id, updateId) }), logger);
    return {
      async stop() {
        if (handle.isRunning()) await handle.stop();
      },
    };
  }
  const [{ createMaxBot }, { startMaxPolling }, { createMaxUpdateClaim }] = await Promise.all([
    import('./max/create-max-bot.js'),
    import('./max/run-max.js'),
    import('./max/claim-max-update.js'),
  ]);
  const claim = createMaxUpdateClaim(ctx.db.prisma, logger);
  return startMaxPolling(createMaxBot(deps), logger, { claim: (key) => claim(ref.id, key) });
}

interface Running {
  token: string;
  /** The poller, or the restart under way; settles, never rejects. */
  poller: Promise<Poller | undefined>;
}

export function shareBotPollers(ctx: AppContext, options: ShareBotPollersOptions): LeaseShare {
  const running = new Map<string, Running>();
  const { telegram, max } = ctx.config;
  const logger = ctx.logger.child({ component: 'bot-pollers' });

  // A school's new token for the same bot (the old one revoked) keeps the bot's id and lease:
  // its poller is restarted in place with the new token.
  function follow(bots: BotRef[]): void {
    for (const ref of bots) {
      const entry = running.get(ref.id);
      if (!entry || entry.token === ref.token) continue;
      entry.token = ref.token;
      entry.poller = entry.poller.then(async (old) => {
        await old?.stop();
        return startPoller(ctx, ref).catch((error: unknown) => {
          logger.error({ err: error, bot: ref.id }, 'could not restart a bot with its new token');
          return undefined;
        });
      });
    }
  }

  return createLeaseShare({
    pool: ctx.db.pool,
    kind: 'poll',
    memberId: options.memberId,
    leaseMs: options.leaseMs ?? 10_000,
    logger,
    async listBots() {
      const bots = (await listRunnableBots(ctx.db.pool, ctx.secret, { telegram: telegram.token, max: max.token })).filter((b) => options.types.includes(b.type));
      follow(bots);
      return bots;
    },
    async onAcquired(held) {
      const poller = await startPoller(ctx, held.bot);
      running.set(held.bot.id, { token: held.bot.token, poller: Promise.resolve(poller) });
    },
    async onReleased(held) {
      // Polling ends and the updates being handled finish before the lease is let go.
      const entry = running.get(held.bot.id);
      running.delete(held.bot.id);
      await (await entry?.poller)?.stop();
    },
  });
}
