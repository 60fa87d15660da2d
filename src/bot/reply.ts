import { GrammyError, type InlineKeyboard } from 'grammy';
import type { BotContext } from './context.js';
import { splitMessage } from '../lib/split-message.js';

/** Sends a view: HTML, split at line boundaries when long; the keyboard rides on the last part. */
export async function sendView(ctx: BotContext, text: string, keyboard?: InlineKeyboard): Promise<void> {
  const parts = splitMessage(text);
  for (const [i, part] of parts.entries()) {
    const last = i === parts.length - 1;
    await ctx.reply(part, { parse_mode: 'HTML', link_preview_options: { is_disabled: true }, ...(last && keyboard ? { reply_markup: keyboard } : {}) });
  }
}

/** Redraws the message the pressed button belongs to (settings screens), or sends a new one. */
export async function showScreen(ctx: BotContext, text: string, keyboard: InlineKeyboard): Promise<void> {
  if (ctx.callbackQuery?.message) {
    try {
      await ctx.editMessageText(text, { parse_mode: 'HTML', reply_markup: keyboard });
      return;
    } catch (error) {
      // Pressing the button of the value already chosen leaves the screen as it was.
      if (error instanceof GrammyError && error.description.includes('message is not modified')) return;
      throw error;
    }
  }
  await sendView(ctx, text, keyboard);
}

/** Stops the button's spinner; a stale query must not fail the update. */
export async function answer(ctx: BotContext, text?: string, alert = false): Promise<void> {
  if (!ctx.callbackQuery) return;
  await ctx.answerCallbackQuery(text ? { text, show_alert: alert } : undefined).catch(() => undefined);
}
