// What the bot may say about an update in a log: a keyed hash of the chat (the same one
// the audit log and the attempt counters keep) and the kind of update or button, never
// the text, the callback data (a consent code rides in `reg:ok:<code>`) or the sender.
import type { Context } from 'grammy';
import { chatKey } from '../modules/consent/chat-key.js';

export function updateLogFields(ctx: Context, secret: string): Record<string, unknown> {
  const id = ctx.chat?.id ?? ctx.from?.id;
  const kind = Object.keys(ctx.update).find((k) => k !== 'update_id');
  const data = ctx.callbackQuery?.data;
  const command = ctx.message?.text?.match(/^\/[a-z_]+/i)?.[0];
  return {
    updateId: ctx.update.update_id,
    ...(id !== undefined ? { chat: chatKey(secret, String(id)) } : {}),
    ...(kind ? { kind } : {}),
    // The prefix names the feature (v, ack, st, reg…); what follows may be personal.
    ...(data !== undefined ? { button: data.split(':')[0] } : {}),
    ...(command ? { command } : {}),
  };
}
