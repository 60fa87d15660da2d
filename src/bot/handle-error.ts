import type { BotError } from 'grammy';
import { pickLang, translator } from '../i18n/index.js';
import type { Logger } from '../lib/logger.js';
import type { BotContext } from './context.js';
import { updateLogFields } from './log-fields.js';

/**
 * The error boundary around every feature: the error is logged with what kind of update
 * it was (never its text or sender), the parent gets a polite message, and the bot
 * carries on with the next update.
 */
export function createErrorHandler(logger: Logger, secret: string) {
  return async (error: BotError<BotContext>): Promise<void> => {
    const ctx = error.ctx;
    logger.error({ err: error.error, ...updateLogFields(ctx, secret) }, 'bot update failed');
    // The failure may have come before the language was known.
    const t = ctx.t ?? translator(pickLang(ctx.from?.language_code));
    try {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
      if (ctx.chat) await ctx.reply(t('bot:errors.internal'));
    } catch (replyError) {
      logger.warn({ err: replyError, ...updateLogFields(ctx, secret) }, 'could not tell the parent about a failed update');
    }
  };
}
