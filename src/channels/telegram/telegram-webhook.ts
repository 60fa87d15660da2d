// Webhook mode: Telegram POSTs updates to /telegram/webhook on our HTTP server (the default
// bot), and each bot's to /telegram/webhook/<botId> with a secret of its own.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Bot } from 'grammy';
import type { AppContext } from '../../app/app-context.js';
import type { HttpPlugin } from '../../http/create-http-app.js';
import { DEFAULT_BOT_IDS } from '../../modules/bots/default-bots.js';
import { listRunnableBots } from '../../modules/bots/list-runnable-bots.js';
import { createTelegramUpdateClaim } from './claim-telegram-update.js';
import { createTelegramBot } from './create-telegram-bot.js';
import { setTelegramBotWebhook, telegramBotWebhookRoutes } from './telegram-bot-webhooks.js';
import { setCommands } from './set-commands.js';

export const WEBHOOK_PATH = '/telegram/webhook';
const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** One bot's webhook: checks its secret, drops an update it already handled, hands the rest to it. */
export type TelegramWebhookHandler = (request: FastifyRequest, reply: FastifyReply, bot: Bot, botId: string, secret: string) => Promise<FastifyReply>;

export function createTelegramWebhookHandler(ctx: AppContext): TelegramWebhookHandler {
  const claim = createTelegramUpdateClaim(ctx.db.prisma, ctx.logger);
  return async (request, reply, bot, botId, secret) => {
    const given = request.headers[SECRET_HEADER];
    if (typeof given !== 'string' || given === '') return reply.status(401).send({ error: 'UNAUTHORIZED', message: 'missing secret token' });
    if (!sameSecret(given, secret)) return reply.status(403).send({ error: 'FORBIDDEN', message: 'wrong secret token' });
    const update = request.body as { update_id?: unknown } | null;
    if (!update || typeof update !== 'object' || !Number.isSafeInteger(update.update_id)) {
      return reply.status(400).send({ error: 'BAD_REQUEST', message: 'not a Telegram update' });
    }
    if (!(await claim(botId, update.update_id as number))) {
      request.log.info({ updateId: update.update_id }, 'telegram resent an update already handled; dropped');
      return reply.status(200).send({ ok: true, duplicate: true });
    }
    // Errors inside are answered by the bot's error boundary, so Telegram never retries a handled update.
    await bot.handleUpdate(update as Parameters<typeof bot.handleUpdate>[0]);
    return reply.status(200).send({ ok: true });
  };
}

/** The route alone, for a bot built elsewhere (tests build theirs). */
export function webhookRoutes(app: FastifyInstance, ctx: AppContext, bot: Bot): void {
  const secret = ctx.config.telegram.webhookSecret;
  if (!secret) throw new Error('TELEGRAM_WEBHOOK_SECRET is required in webhook mode');
  const handle = createTelegramWebhookHandler(ctx);
  app.post(WEBHOOK_PATH, { config: { checksTextItself: true } }, (request, reply) => handle(request, reply, bot, DEFAULT_BOT_IDS.telegram, secret));
}

/** The HTTP plugin for TELEGRAM_MODE=webhook: builds the bot, registers the webhook and the commands. */
export function telegramWebhookPlugin(): HttpPlugin {
  return async (app, ctx) => {
    const logger = ctx.logger.child({ component: 'bot' });
    const bot = createTelegramBot({ config: ctx.config, prisma: ctx.db.prisma, reads: ctx.db.reads, logger, secret: ctx.secret });
    await bot.init();
    webhookRoutes(app, ctx, bot);
    telegramBotWebhookRoutes(app, ctx, logger);
    const url = `${ctx.config.publicUrl}${WEBHOOK_PATH}`;
    await bot.api
      .setWebhook(url, { secret_token: ctx.config.telegram.webhookSecret, allowed_updates: ['message', 'callback_query'] })
      .catch((error: unknown) => logger.warn({ err: error, url }, 'could not register the webhook with Telegram'));
    await setCommands(bot, logger);
    // The schools' own bots, each on its own route with its own secret.
    const schoolBots = (await listRunnableBots(ctx.db.pool, ctx.secret, { telegram: undefined, max: undefined }, 'telegram').catch(() => [])).filter((b) => b.schoolId);
    for (const ref of schoolBots) await setTelegramBotWebhook(ctx, ref, logger);
  };
}
