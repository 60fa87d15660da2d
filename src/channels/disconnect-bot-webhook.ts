// A removed school bot should stop being sent updates nobody takes any more (its route
// answers 404 once the row is gone). Best effort: the messenger may be unreachable, or the
// token revoked already, and the removal stands either way.
import type { AppContext } from '../app/app-context.js';
import type { BotRef } from '../modules/bots/types.js';

/** Deletes the bot's webhook if its messenger is in webhook mode; a failure is logged, not thrown. */
export async function disconnectBotWebhook(ctx: AppContext, ref: Pick<BotRef, 'id' | 'type' | 'token'>): Promise<void> {
  if (ctx.config[ref.type].mode !== 'webhook') return;
  const logger = ctx.logger.child({ component: 'bot-webhooks' });
  const unset =
    ref.type === 'telegram'
      ? (await import('./telegram/telegram-bot-webhooks.js')).deleteTelegramBotWebhook
      : (await import('./max/max-webhook.js')).unsetMaxBotWebhook;
  if (await unset(ctx, ref, logger)) logger.info({ botId: ref.id, channel: ref.type }, 'webhook removed for a removed bot');
}
