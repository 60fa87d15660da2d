// What registering a school's bot needs, from a process's context: the probe asks the
// messenger at TELEGRAM_API_ROOT / MAX_API_ROOT; the environment's tokens are the default bots.
import { createBotProbe } from '../channels/probe-bot.js';
import type { BotRegistry } from '../modules/bots/types.js';
import type { AppContext } from './app-context.js';

export function createBotRegistry(ctx: AppContext): BotRegistry {
  return {
    prisma: ctx.db.prisma,
    pool: ctx.db.pool,
    secret: ctx.secret,
    probe: createBotProbe(ctx.config),
    defaultTokens: { telegram: ctx.config.telegram.token, max: ctx.config.max.token },
  };
}

