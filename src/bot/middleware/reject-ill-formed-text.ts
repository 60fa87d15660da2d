import type { NextFunction } from 'grammy';
import { findIllFormedText } from '../../lib/well-formed-text.js';
import type { BotContext } from '../context.js';
import { answer } from '../reply.js';

/**
 * What the parent typed or pressed must be text we can store and search by (see
 * src/lib/well-formed-text.ts): otherwise the update is answered and goes no further.
 * Only the parent's own input is checked, not Telegram's profile fields.
 */
export async function rejectIllFormedText(ctx: BotContext, next: NextFunction): Promise<void> {
  const input = { text: ctx.msg?.text, caption: ctx.msg?.caption, data: ctx.callbackQuery?.data, query: ctx.inlineQuery?.query };
  if (!findIllFormedText(input)) return next();
  ctx.deps.logger.info({ chatId: ctx.chat?.id }, 'ignored a message with ill-formed text');
  if (ctx.callbackQuery) return answer(ctx, ctx.t('input:illFormed.bot'), true);
  if (ctx.chat) await ctx.reply(ctx.t('input:illFormed.bot'));
}
