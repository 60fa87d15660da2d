// Webhook mode (MAX_MODE=webhook): MAX POSTs updates to /max/webhook on our HTTP server.
// MAX unsubscribes a bot whose webhook has not answered 200 for 8 hours, so the answer
// never waits for the parent's reply: the update is handled after the 200 is sent.
// MAX retries a delivery it got no 200 for, with no update id: repeats are dropped by
// maxUpdateKey, remembered in processed_max_updates. A burst is handled a bounded number
// at a time, so it queues in memory rather than for the database's connections.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app/app-context.js';
import type { HttpPlugin } from '../../http/create-http-app.js';
import type { Logger } from '../../lib/logger.js';
import { listRunnableBots } from '../../modules/bots/list-runnable-bots.js';
import type { BotRef } from '../../modules/bots/types.js';
import { botWebhookSecret } from '../bot-webhook-secret.js';
import { createRunnableBotFinder } from '../find-runnable-bot.js';
import { createMaxUpdateClaim } from './claim-max-update.js';
import { createMaxApi, createMaxBot, type MaxBot } from './create-max-bot.js';
import { createConcurrencyLimit, MAX_UPDATES_IN_FLIGHT } from './max-concurrency.js';
import { maxUpdateKey, type MaxUpdate } from './read-max-update.js';
import { UPDATE_TYPES } from './run-max.js';
import { setMaxCommands } from './set-max-commands.js';

export const MAX_WEBHOOK_PATH = '/max/webhook';
const SECRET_HEADER = 'x-max-bot-api-secret';

/** Digests of equal length compared in constant time, so not even the secret's length leaks. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function isMaxUpdate(body: unknown): body is MaxUpdate {
  const update = body as Partial<MaxUpdate> | null;
  return !!update && typeof update === 'object' && typeof update.update_type === 'string' && typeof update.timestamp === 'number';
}

/** The MAX user an update comes from, so one parent's updates keep their order. */
function senderOf(update: MaxUpdate): string {
  const user = (update.user ?? (update.callback as { user?: unknown } | undefined)?.user ?? (update.message as { sender?: unknown } | undefined)?.sender) as { user_id?: number } | undefined;
  return String(user?.user_id ?? '');
}

export interface MaxWebhook {
  /** Resolves when every update accepted so far has been handled (the server's close waits for it). */
  idle(): Promise<void>;
}

/** The route alone, for a bot built elsewhere; `concurrency`: updates handled at once. */
export function maxWebhookRoutes(app: FastifyInstance, ctx: AppContext, bot: MaxBot, logger: Logger, options: { concurrency?: number } = {}): MaxWebhook {
  const secret = ctx.config.max.webhookSecret;
  if (!secret) throw new Error('MAX_WEBHOOK_SECRET is required in webhook mode');
  const prisma = ctx.db.prisma;
  const limit = createConcurrencyLimit(options.concurrency ?? MAX_UPDATES_IN_FLIGHT);
  const chains = new Map<string, Promise<void>>();
  const inFlight = new Set<Promise<void>>();

  // True for the first delivery of an update to this bot, false for MAX's repeats.
  const claim = createMaxUpdateClaim(prisma, logger);

  function accept(bot: MaxBot, update: MaxUpdate): void {
    const key = maxUpdateKey(update);
    const sender = `${bot.botId}:${senderOf(update)}`;
    // Claimed and handled in arrival order per parent; different parents at once.
    const current = (chains.get(sender) ?? Promise.resolve())
      .then(() =>
        limit(async () => {
          if (await claim(bot.botId, key)) await bot.handleUpdate(update);
          else logger.info({ key, channel: 'max' }, 'MAX delivered an update already handled; dropped');
        }),
      )
      .catch((error: unknown) => logger.error({ err: error, key, channel: 'max' }, 'MAX webhook update failed'));
    chains.set(sender, current);
    inFlight.add(current);
    void current.finally(() => {
      inFlight.delete(current);
      if (chains.get(sender) === current) chains.delete(sender);
    });
  }

  async function receive(request: FastifyRequest, reply: FastifyReply, target: MaxBot, expected: string): Promise<FastifyReply> {
    const given = request.headers[SECRET_HEADER];
    if (typeof given !== 'string' || given === '') return reply.status(401).send({ error: 'UNAUTHORIZED', message: 'missing secret' });
    if (!sameSecret(given, expected)) return reply.status(403).send({ error: 'FORBIDDEN', message: 'wrong secret' });
    if (!isMaxUpdate(request.body)) return reply.status(400).send({ error: 'BAD_REQUEST', message: 'not a MAX update' });
    accept(target, request.body);
    return reply.status(200).send({ ok: true });
  }
  app.post(MAX_WEBHOOK_PATH, { config: { checksTextItself: true } }, (request, reply) => receive(request, reply, bot, secret));

  // Every bot's own route, with its own secret; its instance is built on its first update.
  const find = createRunnableBotFinder(ctx, 'max');
  // Built again when the school gives the bot a new token: the old one is refused from then on.
  const instances = new Map<string, { token: string; bot: MaxBot }>();
  const instanceOf = (ref: BotRef): MaxBot => {
    if (ref.id === bot.botId) return bot;
    let instance = instances.get(ref.id);
    if (!instance || instance.token !== ref.token) {
      instance = { token: ref.token, bot: createMaxBot({ config: ctx.config, prisma, reads: ctx.db.reads, logger, secret: ctx.secret, bot: ref }) };
      instances.set(ref.id, instance);
    }
    return instance.bot;
  };
  app.post(`${MAX_WEBHOOK_PATH}/:botId`, { config: { checksTextItself: true } }, async (request, reply) => {
    const ref = await find((request.params as { botId: string }).botId);
    if (!ref) return reply.status(404).send({ error: 'NOT_FOUND', message: 'unknown bot' });
    return receive(request, reply, instanceOf(ref), botWebhookSecret(ctx.secret, ref.id));
  });

  const webhook: MaxWebhook = {
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
  app.addHook('onClose', () => webhook.idle());
  return webhook;
}

/** Tells MAX where to deliver; a failure is logged and the server runs on (polling is the fallback to configure). */
export async function subscribeMaxWebhook(bot: MaxBot, url: string, secret: string, logger: Logger): Promise<boolean> {
  try {
    const result = await bot.api.subscribe(url, secret, [...UPDATE_TYPES]);
    if (result.success) {
      logger.info({ url }, 'MAX webhook subscribed');
      return true;
    }
    logger.error({ url, reason: result.message }, 'MAX refused the webhook subscription; no updates will arrive');
  } catch (error) {
    logger.error({ err: error, url }, 'could not subscribe the MAX webhook; no updates will arrive');
  }
  return false;
}

/** Subscribes one bot's own route (/max/webhook/<botId>, its own secret); what REGISTRY calls for a new bot. */
export async function setMaxBotWebhook(ctx: AppContext, ref: BotRef, logger: Logger = ctx.logger): Promise<boolean> {
  const bot = createMaxBot({ config: ctx.config, prisma: ctx.db.prisma, reads: ctx.db.reads, logger, secret: ctx.secret, bot: ref });
  const subscribed = await subscribeMaxWebhook(bot, `${ctx.config.publicUrl}${MAX_WEBHOOK_PATH}/${ref.id}`, botWebhookSecret(ctx.secret, ref.id), logger);
  if (subscribed) await setMaxCommands(bot.api, logger);
  return subscribed;
}

/** The HTTP plugin for MAX_MODE=webhook: builds the bot, serves the route, subscribes once listening. */
export function maxWebhookPlugin(): HttpPlugin {
  return (app, ctx) => {
    const logger = ctx.logger.child({ component: 'max-bot' });
    const bot = createMaxBot({ config: ctx.config, prisma: ctx.db.prisma, reads: ctx.db.reads, logger, secret: ctx.secret });
    maxWebhookRoutes(app, ctx, bot, logger);
    // Subscribed once the route can answer, so MAX's first deliveries are not refused; the
    // listen is not held up by it.
    app.addHook('onListen', async () => {
      await subscribeMaxWebhook(bot, `${ctx.config.publicUrl}${MAX_WEBHOOK_PATH}`, ctx.config.max.webhookSecret!, logger);
      await setMaxCommands(bot.api, logger);
      // The schools' own bots, each on its own route.
      const schoolBots = (await listRunnableBots(ctx.db.pool, ctx.secret, { telegram: undefined, max: undefined }, 'max').catch(() => [])).filter((b) => b.schoolId);
      for (const ref of schoolBots) await setMaxBotWebhook(ctx, ref, logger);
    });
  };
}

/** Unsubscribes a removed bot's own route; a failure is logged and returned. */
export async function unsetMaxBotWebhook(ctx: AppContext, ref: Pick<BotRef, 'id' | 'token'>, logger: Logger = ctx.logger): Promise<boolean> {
  const url = `${ctx.config.publicUrl}${MAX_WEBHOOK_PATH}/${ref.id}`;
  try {
    const result = await createMaxApi(ref.token, ctx.config.max.apiRoot).unsubscribe(url);
    return result.success;
  } catch (error) {
    logger.warn({ err: error, url, botId: ref.id }, 'could not unsubscribe the webhook of a removed bot from MAX');
    return false;
  }
}
