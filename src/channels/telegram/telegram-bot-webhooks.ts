// Webhooks per bot: /telegram/webhook/<botId>, each checked against that bot's own secret.
// An unknown bot is 404, a wrong secret 401/403, and neither reaches any conversation.
import type { FastifyInstance } from 'fastify';
import { Bot } from 'grammy';
import type { AppContext } from '../../app/app-context.js';
import type { Logger } from '../../lib/logger.js';
import type { BotRef } from '../../modules/bots/types.js';
import { botWebhookSecret } from '../bot-webhook-secret.js';
import { createRunnableBotFinder } from '../find-runnable-bot.js';
import { createTelegramBot } from './create-telegram-bot.js';
import { setCommands } from './set-commands.js';
import { createTelegramWebhookHandler, WEBHOOK_PATH } from './telegram-webhook.js';

export const botWebhookPath = (botId: string) => `${WEBHOOK_PATH}/${botId}`;

/** The routes for every runnable bot; a bot's grammY instance is built on its first update. */
export function telegramBotWebhookRoutes(app: FastifyInstance, ctx: AppContext, logger: Logger): void {
  const find = createRunnableBotFinder(ctx, 'telegram');
  const instances = new Map<string, { token: string; bot: Promise<Bot> }>();
  const handle = createTelegramWebhookHandler(ctx);
  // Built again when the school gives the bot a new token: the old one answers 401 from then on.
  const instanceOf = (ref: BotRef) => {
    let instance = instances.get(ref.id);
    if (!instance || instance.token !== ref.token) {
      const bot = createTelegramBot({ config: ctx.config, prisma: ctx.db.prisma, reads: ctx.db.reads, logger, secret: ctx.secret, bot: ref });
      const built = { token: ref.token, bot: bot.init().then(() => bot) };
      built.bot.catch(() => instances.get(ref.id) === built && instances.delete(ref.id));
      instances.set(ref.id, built);
      instance = built;
    }
    return instance.bot;
  };
  app.post(`${WEBHOOK_PATH}/:botId`, { config: { checksTextItself: true } }, async (request, reply) => {
    const { botId } = request.params as { botId: string };
    const ref = await find(botId);
    if (!ref) return reply.status(404).send({ error: 'NOT_FOUND', message: 'unknown bot' });
    return handle(request, reply, await instanceOf(ref), ref.id, botWebhookSecret(ctx.secret, ref.id));
  });
}

/** Tells Telegram where this bot's updates go, with its secret; a failure is logged and returned. */
export async function setTelegramBotWebhook(ctx: AppContext, ref: BotRef, logger: Logger = ctx.logger): Promise<boolean> {
  const bot = new Bot(ref.token, { client: { apiRoot: ctx.config.telegram.apiRoot ?? 'https://api.telegram.org' } });
  const url = `${ctx.config.publicUrl}${botWebhookPath(ref.id)}`;
  try {
    await bot.api.setWebhook(url, { secret_token: botWebhookSecret(ctx.secret, ref.id), allowed_updates: ['message', 'callback_query'] });
    await setCommands(bot, logger);
    return true;
  } catch (error) {
    logger.warn({ err: error, url, botId: ref.id }, 'could not register the webhook with Telegram');
    return false;
  }
}

/** Tells Telegram to stop posting a removed bot's updates; a failure is logged and returned. */
export async function deleteTelegramBotWebhook(ctx: AppContext, ref: Pick<BotRef, 'id' | 'token'>, logger: Logger = ctx.logger): Promise<boolean> {
  const bot = new Bot(ref.token, { client: { apiRoot: ctx.config.telegram.apiRoot ?? 'https://api.telegram.org' } });
  try {
    await bot.api.deleteWebhook();
    return true;
  } catch (error) {
    logger.warn({ err: error, botId: ref.id }, 'could not remove the webhook of a removed bot from Telegram');
    return false;
  }
}
