// Long polling for MAX (MAX_MODE=polling, the default): GET /updates with the marker of
// the last batch; a batch's updates are handed to the bot without waiting, so one slow
// parent never holds the others up. Stopping ends the long poll at once and lets the
// updates in progress finish.
import type { Logger } from '../../lib/logger.js';
import type { MaxBot } from './create-max-bot.js';
import { createConcurrencyLimit, MAX_UPDATES_IN_FLIGHT } from './max-concurrency.js';
import { maxUpdateKey, type MaxUpdate } from './read-max-update.js';
import { setMaxCommands } from './set-max-commands.js';

export const UPDATE_TYPES = ['bot_started', 'message_created', 'message_callback', 'bot_stopped', 'dialog_removed', 'dialog_muted', 'dialog_unmuted'] as const;

export interface MaxPolling {
  stop(): Promise<void>;
}

export interface MaxPollingOptions {
  timeoutSeconds?: number;
  /**
   * True for an update this bot has not handled yet (by its key). A poller that takes the
   * bot over from another starts without the other's marker and may be given its last batch again.
   */
  claim?: (key: string) => Promise<boolean>;
}

export async function startMaxPolling(bot: MaxBot, logger: Logger, options: MaxPollingOptions = {}): Promise<MaxPolling> {
  const info = await bot.api.getMyInfo();
  await setMaxCommands(bot.api, logger);
  const abort = new AbortController();
  let marker: number | undefined;
  const inFlight = new Set<Promise<void>>();
  // A burst larger than the database pool must not start every handler at once.
  const limit = createConcurrencyLimit(MAX_UPDATES_IN_FLIGHT);
  const { claim } = options;
  const handle = async (update: MaxUpdate) => {
    if (!claim || (await claim(maxUpdateKey(update)))) await bot.handleUpdate(update);
    else logger.info({ botId: bot.botId, key: maxUpdateKey(update) }, 'MAX update already handled; dropped');
  };
  const loop = (async () => {
    let failures = 0;
    while (!abort.signal.aborted) {
      try {
        // The SDK leaves out falsy values, so a marker of 0 and the first poll look alike; both mean "from the start".
        const batch = await bot.api.getUpdates([...UPDATE_TYPES], { timeout: options.timeoutSeconds ?? 30, ...(marker ? { marker } : {}), signal: abort.signal });
        failures = 0;
        marker = batch.marker ?? marker;
        for (const update of batch.updates as unknown as MaxUpdate[]) {
          const handled = limit(() => handle(update)).catch((error: unknown) => logger.error({ err: error, channel: 'max' }, 'MAX update failed'));
          inFlight.add(handled);
          void handled.finally(() => inFlight.delete(handled));
        }
      } catch (error) {
        if (abort.signal.aborted) break;
        failures += 1;
        logger.warn({ err: error, failures }, 'MAX getUpdates failed; retrying');
        await new Promise((resolve) => {
          const timer = setTimeout(resolve, Math.min(30_000, 500 * 2 ** Math.min(failures, 6)));
          abort.signal.addEventListener('abort', () => (clearTimeout(timer), resolve(undefined)), { once: true });
        });
      }
    }
  })();
  logger.info({ bot: info.username }, 'MAX bot polling');
  return {
    async stop() {
      // The long poll in progress is cut off, so no batch arrives after the stop (another
      // member may be polling this bot by then); the updates being handled are waited for.
      abort.abort();
      await loop;
      await Promise.allSettled([...inFlight]);
    },
  };
}
