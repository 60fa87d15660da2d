import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import { updateLogFields } from '../log-fields.js';
import { answer } from '../reply.js';
import { showMenu } from './help.js';

/** Anything no feature understood: point to the menu (or, for an unlinked chat, to registration). */
export function createFallbackFeature() {
  const composer = new Composer<BotContext>();
  composer.on('callback_query', async (ctx) => {
    ctx.deps.logger.info(updateLogFields(ctx, ctx.deps.secret), 'unknown button pressed');
    await answer(ctx, ctx.t('bot:errors.staleButton'), true);
  });
  composer.on('message', async (ctx) => {
    if (ctx.chat.type !== 'private') return;
    if (ctx.links.guardians.length === 0) return void (await ctx.reply(ctx.t('bot:unlinked'), { parse_mode: 'HTML' }));
    await showMenu(ctx, ctx.t('bot:fallback'));
  });
  return composer;
}
