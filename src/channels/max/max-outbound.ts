// The conversation's Outbound over MAX's Bot API: markup as MAX HTML split at 4000
// characters, buttons as an inline-keyboard attachment with callback payloads; a press is
// answered with POST /answers and its screen redrawn with PUT /messages.
import type { Api } from '@maxhub/max-bot-api';
import type { Button, Screen } from '../../conversation/markup.js';
import { renderHtml } from '../../conversation/render-html.js';
import type { Outbound } from '../../conversation/types.js';
import { splitMessage } from '../../lib/split-message.js';
import type { MaxPress } from './read-max-update.js';
import { withMaxRetry } from './with-max-retry.js';

/** MAX refuses a message text over 4000 characters. */
export const MAX_MESSAGE_LIMIT = 4000;

type MaxButton = { type: 'link'; text: string; url: string } | { type: 'callback'; text: string; payload: string };
export type MaxKeyboard = { type: 'inline_keyboard'; payload: { buttons: MaxButton[][] } };

export function maxKeyboard(rows: readonly (readonly Button[])[] | undefined): MaxKeyboard[] {
  if (!rows || rows.length === 0) return [];
  const buttons = rows.map((row) => row.map((b): MaxButton => ('url' in b ? { type: 'link', text: b.label, url: b.url } : { type: 'callback', text: b.label, payload: b.payload })));
  return [{ type: 'inline_keyboard', payload: { buttons } }];
}

export function createMaxOutbound(api: Api, userId: number, press?: MaxPress): Outbound {
  const send = async (screen: Screen) => {
    const parts = splitMessage(renderHtml(screen.body), MAX_MESSAGE_LIMIT);
    const keyboard = maxKeyboard(screen.buttons);
    for (const [i, part] of parts.entries()) {
      const last = i === parts.length - 1;
      await withMaxRetry(() => api.sendMessageToUser(userId, part, { format: 'html', disable_link_preview: true, ...(last && keyboard.length ? { attachments: keyboard as never } : {}) }));
    }
  };
  return {
    send,
    async redraw(screen) {
      const html = renderHtml(screen.body);
      if (!press?.mid || html.length > MAX_MESSAGE_LIMIT) return send(screen);
      // Attachments given as an empty list remove the old buttons.
      await withMaxRetry(() => api.editMessage(press.mid!, { text: html, format: 'html', attachments: maxKeyboard(screen.buttons) as never }));
    },
    async replaceButtons(rows) {
      if (!press?.mid) return;
      await withMaxRetry(() => api.editMessage(press.mid!, { text: press.text, attachments: maxKeyboard(rows) as never }));
    },
    async answer(notice) {
      if (!press) return;
      // MAX shows a notification to the one who pressed; it has no separate alert style.
      // The SDK's type lacks `notification` (MAX's API has it); the body passes through as given.
      await withMaxRetry(() => api.answerOnCallback(press.callbackId, (notice ? { notification: notice } : {}) as never));
    },
  };
}
