// A bot registered while the service runs starts without a restart. In webhook mode the
// messenger is told at once where the new bot's updates go (its own route and secret); in
// polling mode nothing is needed here: the `bot` processes list the bots on every heartbeat.
import type { AppContext } from '../app/app-context.js';
import type { BotRef } from '../modules/bots/types.js';

/** Sets the bot's webhook if its messenger is in webhook mode; a failure is logged, not thrown (the bot is saved). */
export async function connectBotWebhook(ctx: AppContext, ref: BotRef): Promise<void> {
  if (ctx.config[ref.type].mode !== 'webhook') return;
  const logger = ctx.logger.child({ component: 'bot-webhooks' });
  const set =
    ref.type === 'telegram'
      ? (await import('./telegram/telegram-bot-webhooks.js')).setTelegramBotWebhook
      : (await import('./max/max-webhook.js')).setMaxBotWebhook;
  if (await set(ctx, ref, logger)) logger.info({ botId: ref.id, channel: ref.type }, 'webhook set for a newly registered bot');
}
