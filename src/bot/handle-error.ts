import type { BotError } from 'grammy';
import { pickLang, translator } from '../i18n/index.js';
import type { Logger } from '../lib/logger.js';
import type { BotContext } from './context.js';

/**
 * The error boundary around every feature: the update is logged with the error,
 * the parent gets a polite message, and the bot carries on with the next update.
 */
export function createErrorHandler(logger: Logger) {
  return async (error: BotError<BotContext>): Promise<void> => {
    const ctx = error.ctx;
    logger.error({ err: error.error, update: ctx.update }, 'bot update failed');
    // The failure may have come before the language was known.
    const t = ctx.t ?? translator(pickLang(ctx.from?.language_code));
    try {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
      if (ctx.chat) await ctx.reply(t('bot:errors.internal'));
    } catch (replyError) {
      logger.warn({ err: replyError, updateId: ctx.update.update_id }, 'could not tell the parent about a failed update');
    }
  };
}
