// The conversation's Outbound over grammY: markup as Telegram HTML split at 4096
// characters, buttons as an inline keyboard on the last part.
import { GrammyError, type Context } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import type { Button, Screen } from '../../conversation/markup.js';
import { renderHtml } from '../../conversation/render-html.js';
import type { Outbound } from '../../conversation/types.js';
import { splitMessage, TELEGRAM_MESSAGE_LIMIT } from '../../lib/split-message.js';

export function telegramKeyboard(rows: readonly (readonly Button[])[] | undefined): InlineKeyboardMarkup | undefined {
  if (!rows || rows.length === 0) return undefined;
  return { inline_keyboard: rows.map((row) => row.map((b) => ('url' in b ? { text: b.label, url: b.url } : { text: b.label, callback_data: b.payload }))) };
}

export function createTelegramOutbound(ctx: Context): Outbound {
  const send = async (screen: Screen) => {
    const parts = splitMessage(renderHtml(screen.body), TELEGRAM_MESSAGE_LIMIT);
    const keyboard = telegramKeyboard(screen.buttons);
    for (const [i, part] of parts.entries()) {
      const last = i === parts.length - 1;
      await ctx.reply(part, { parse_mode: 'HTML', link_preview_options: { is_disabled: true }, ...(last && keyboard ? { reply_markup: keyboard } : {}) });
    }
  };
  return {
    send,
    async redraw(screen) {
      const html = renderHtml(screen.body);
      if (!ctx.callbackQuery?.message || html.length > TELEGRAM_MESSAGE_LIMIT) return send(screen);
      try {
        await ctx.editMessageText(html, { parse_mode: 'HTML', link_preview_options: { is_disabled: true }, reply_markup: telegramKeyboard(screen.buttons) });
      } catch (error) {
        // Pressing the button of the value already chosen leaves the screen as it was.
        if (error instanceof GrammyError && error.description.includes('message is not modified')) return;
        throw error;
      }
    },
    async replaceButtons(rows) {
      await ctx.editMessageReplyMarkup({ reply_markup: telegramKeyboard(rows) ?? { inline_keyboard: [] } });
    },
    async answer(notice, alert = false) {
      if (!ctx.callbackQuery) return;
      await ctx.answerCallbackQuery(notice ? { text: notice, show_alert: alert } : undefined);
    },
  };
}
