// Long polling for MAX (MAX_MODE=polling, the default): GET /updates with the marker of
// the last batch; a batch's updates are handed to the bot without waiting, so one slow
// parent never holds the others up. Stopping lets the updates in progress finish.
import type { AppContext } from '../../app/app-context.js';
import type { Logger } from '../../lib/logger.js';
import type { ServiceComponent } from '../../service/components.js';
import { createMaxBot, type MaxBot } from './create-max-bot.js';
import { createConcurrencyLimit, MAX_UPDATES_IN_FLIGHT } from './max-concurrency.js';
import type { MaxUpdate } from './read-max-update.js';
import { setMaxCommands } from './set-max-commands.js';

export const UPDATE_TYPES = ['bot_started', 'message_created', 'message_callback', 'bot_stopped', 'dialog_removed', 'dialog_muted', 'dialog_unmuted'] as const;

export interface MaxPolling {
  stop(): Promise<void>;
}

export async function startMaxPolling(bot: MaxBot, logger: Logger, options: { timeoutSeconds?: number } = {}): Promise<MaxPolling> {
  const info = await bot.api.getMyInfo();
  await setMaxCommands(bot.api, logger);
  let running = true;
  let marker: number | undefined;
  const inFlight = new Set<Promise<void>>();
  // A burst larger than the database pool must not start every handler at once.
  const limit = createConcurrencyLimit(MAX_UPDATES_IN_FLIGHT);
  const loop = (async () => {
    let failures = 0;
    while (running) {
      try {
        // The SDK leaves out falsy values, so a marker of 0 and the first poll look alike; both mean "from the start".
        const batch = await bot.api.getUpdates([...UPDATE_TYPES], { timeout: options.timeoutSeconds ?? 30, ...(marker ? { marker } : {}) });
        failures = 0;
        marker = batch.marker ?? marker;
        for (const update of batch.updates as unknown as MaxUpdate[]) {
          const handled = limit(() => bot.handleUpdate(update));
          inFlight.add(handled);
          void handled.finally(() => inFlight.delete(handled));
        }
      } catch (error) {
        if (!running) break;
        failures += 1;
        logger.warn({ err: error, failures }, 'MAX getUpdates failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 500 * 2 ** Math.min(failures, 6))));
      }
    }
  })();
  logger.info({ bot: info.username }, 'MAX bot polling');
  return {
    async stop() {
      running = false;
      // A long poll in progress ends by itself within its timeout; the updates being handled are waited for.
      await Promise.race([loop, new Promise((resolve) => setTimeout(resolve, 1000))]);
      await Promise.allSettled([...inFlight]);
    },
  };
}

/** The 'bot' role's MAX component in polling mode. */
export function maxBotComponent(ctx: AppContext): ServiceComponent {
  let polling: MaxPolling | undefined;
  return {
    name: 'max-bot',
    async start() {
      const logger = ctx.logger.child({ component: 'max-bot' });
      const bot = createMaxBot({ config: ctx.config, prisma: ctx.db.prisma, reads: ctx.db.reads, logger, secret: ctx.secret });
      polling = await startMaxPolling(bot, logger);
    },
    async stop() {
      await polling?.stop();
    },
  };
}
