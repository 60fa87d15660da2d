// Running the bot: long polling through grammY runner (the default), or a webhook
// route on the HTTP server when TELEGRAM_MODE=webhook.
import { run, type RunnerHandle } from '@grammyjs/runner';
import type { AppContext } from '../../app/app-context.js';
import type { ServiceComponent } from '../../service/components.js';
import type { Bot } from 'grammy';
import { createTelegramBot } from './create-telegram-bot.js';
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

/** The 'bot' service component for polling mode. */
export function botComponent(ctx: AppContext): ServiceComponent {
  let handle: RunnerHandle | undefined;
  return {
    name: 'bot',
    async start() {
      const bot = createTelegramBot({ config: ctx.config, prisma: ctx.db.prisma, reads: ctx.db.reads, logger: ctx.logger.child({ component: 'bot' }), secret: ctx.secret });
      handle = await startPolling(bot, ctx.logger);
    },
    async stop() {
      if (handle?.isRunning()) await handle.stop();
    },
  };
}
