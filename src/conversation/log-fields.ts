// What the conversation may say about a turn in a log: a keyed hash of the chat (the same
// one the audit log and the attempt counters keep) and the kind of input or button, never
// the text, the payload (a consent code rides in `reg:ok:<code>`) or the sender.
import { chatKey } from '../modules/consent/chat-key.js';
import type { ChatRef, Inbound } from './types.js';

export function turnLogFields(chat: ChatRef, input: Inbound, secret: string): Record<string, unknown> {
  return {
    channel: chat.channel,
    ...(chat.updateId !== undefined ? { updateId: chat.updateId } : {}),
    chat: chatKey(secret, chat.chatId, chat.channel),
    kind: input.kind,
    // The prefix names the feature (v, ack, st, reg…); what follows may be personal.
    ...(input.kind === 'button' ? { button: input.payload.split(':')[0] } : {}),
    ...(input.kind === 'command' ? { command: `/${input.command}` } : {}),
  };
}
