// A MAX update in the conversation's terms: bot_started (the deep link's payload is the
// consent code), a message, a button press; or a change of the dialog's state.
import type { ChatRef, Inbound } from '../../conversation/types.js';

export type MaxUpdate = { update_type: string; timestamp: number } & Record<string, unknown>;

interface MaxUserRef {
  user_id: number;
}

export interface MaxPress {
  callbackId: string;
  /** The message the button belongs to, and its text (kept when only the buttons change). */
  mid: string | undefined;
  text: string;
}

export type ChatState = 'stopped' | 'removed' | 'muted' | 'unmuted';

export type MaxEvent =
  | { kind: 'turn'; chat: ChatRef; input: Inbound; press?: MaxPress }
  | { kind: 'state'; userId: string; state: ChatState; restarted?: false }
  | { kind: 'ignored' };

const COMMAND = /^\/([A-Za-z0-9_]{1,64})(?:\s+([\s\S]*))?$/;

function chatOf(user: MaxUserRef, update: MaxUpdate, isPrivate: boolean): ChatRef {
  const locale = typeof update.user_locale === 'string' ? update.user_locale : undefined;
  return { channel: 'max', chatId: String(user.user_id), isPrivate, languageCode: locale, updateId: maxUpdateKey(update) };
}

export function readMaxUpdate(update: MaxUpdate): MaxEvent {
  const user = update.user as MaxUserRef | undefined;
  switch (update.update_type) {
    case 'bot_started': {
      if (!user) return { kind: 'ignored' };
      const payload = typeof update.payload === 'string' ? update.payload : '';
      return { kind: 'turn', chat: chatOf(user, update, true), input: { kind: 'command', command: 'start', args: payload.trim() } };
    }
    case 'message_created': {
      const message = update.message as { sender?: MaxUserRef | null; recipient?: { chat_type?: string }; body?: { text?: string | null } } | undefined;
      if (!message?.sender) return { kind: 'ignored' };
      const text = message.body?.text ?? '';
      const command = COMMAND.exec(text);
      const input: Inbound = command ? { kind: 'command', command: command[1]!.toLowerCase(), args: (command[2] ?? '').trim() } : { kind: 'text', text };
      return { kind: 'turn', chat: chatOf(message.sender, update, message.recipient?.chat_type === 'dialog'), input };
    }
    case 'message_callback': {
      const callback = update.callback as { callback_id: string; payload?: string; user: MaxUserRef } | undefined;
      const message = update.message as { body?: { mid?: string; text?: string | null } } | undefined;
      if (!callback?.user || callback.payload === undefined) return { kind: 'ignored' };
      return {
        kind: 'turn',
        chat: chatOf(callback.user, update, true),
        input: { kind: 'button', payload: callback.payload },
        press: { callbackId: callback.callback_id, mid: message?.body?.mid, text: message?.body?.text ?? '' },
      };
    }
    case 'bot_stopped':
      return user ? { kind: 'state', userId: String(user.user_id), state: 'stopped' } : { kind: 'ignored' };
    case 'dialog_removed':
      return user ? { kind: 'state', userId: String(user.user_id), state: 'removed' } : { kind: 'ignored' };
    case 'dialog_muted':
      return user ? { kind: 'state', userId: String(user.user_id), state: 'muted' } : { kind: 'ignored' };
    case 'dialog_unmuted':
      return user ? { kind: 'state', userId: String(user.user_id), state: 'unmuted' } : { kind: 'ignored' };
    default:
      return { kind: 'ignored' };
  }
}

/** What identifies an update when MAX delivers it again (webhook retries carry no update id). */
export function maxUpdateKey(update: MaxUpdate): string {
  const message = update.message as { body?: { mid?: string } } | undefined;
  const callback = update.callback as { callback_id?: string } | undefined;
  if (update.update_type === 'message_callback' && callback?.callback_id) return `cb:${callback.callback_id}`;
  if (update.update_type === 'message_created' && message?.body?.mid) return `msg:${message.body.mid}`;
  const user = update.user as MaxUserRef | undefined;
  return `${update.update_type}:${user?.user_id ?? ''}:${update.timestamp}`;
}
