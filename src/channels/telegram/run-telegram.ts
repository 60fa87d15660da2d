// Running a bot by long polling through grammY runner (the default), or a webhook route on
// the HTTP server when TELEGRAM_MODE=webhook. Which process polls which bot is decided by
// the poller share (share-bot-pollers.ts).
import { run, type RunnerHandle } from '@grammyjs/runner';
import type { AppContext } from '../../app/app-context.js';
import type { Bot } from 'grammy';
import { setCommands } from './set-commands.js';

/** Starts long polling; the handle stops it, letting updates in progress finish. */
export async function startPolling(bot: Bot, logger: AppContext['logger']): Promise<RunnerHandle> {
  await bot.init();
  // A webhook left over from webhook mode would make every getUpdates fail with 409.
  await bot.api.deleteWebhook().catch((error: unknown) => logger.warn({ err: error }, 'could not remove an old webhook'));
  await setCommands(bot, logger);
  const handle = run(bot, { runner: { fetch: { allowed_updates: ['message', 'callback_query'] } }, sink: { concurrency: 200 } });
  logger.info({ bot: bot.botInfo.username }, 'telegram bot polling');
  return handle;
}
