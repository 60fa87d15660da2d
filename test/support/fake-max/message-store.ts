// The bot's messages as the fake MAX keeps them: sending, editing, answering button presses.
import { refuseText } from './text-rules.js';
import type { MaxAttachment, MaxButton, MaxSent, MaxUser } from './types.js';

export const DIALOG_OFFSET = 1_000_000_000;

export class MaxMessages {
  readonly sent: MaxSent[] = [];
  readonly answers: Array<{ callbackId: string }> = [];
  private mid = 0;

  constructor(private readonly bot: MaxUser) {}

  nextMid(): string {
    return `mid.${(this.mid += 1).toString(16).padStart(16, '0')}`;
  }

  /** `refusal`: how MAX refuses this user (stopped bot, removed dialog), after checking the text. */
  send(userId: number, body: Record<string, unknown>, refusal?: [number, unknown]): [number, unknown] {
    if (!Number.isSafeInteger(userId) || userId <= 0) return [400, { code: 'proto.payload', message: 'user_id or chat_id is required' }];
    const refused = refuseText(body.text, body.format);
    if (refused) return [400, { code: 'proto.payload', message: refused }];
    if (refusal) return refusal;
    const sent: MaxSent = { mid: this.nextMid(), userId, text: body.text as string, format: body.format as string | undefined, buttons: buttonsOf(body.attachments), at: Date.now(), edited: false };
    this.sent.push(sent);
    return [200, { message: this.asMessage(sent) }];
  }

  edit(mid: string, body: Record<string, unknown>): [number, unknown] {
    const message = this.sent.find((m) => m.mid === mid);
    if (!message) return [404, { code: 'not.found', message: `message ${mid} not found` }];
    const refused = body.text === undefined ? undefined : refuseText(body.text, body.format);
    if (refused) return [400, { code: 'proto.payload', message: refused }];
    if (typeof body.text === 'string') message.text = body.text;
    if (body.attachments !== undefined) message.buttons = buttonsOf(body.attachments);
    message.edited = true;
    return [200, { success: true }];
  }

  /** POST /answers: with a `message`, the pressed message is replaced by it. */
  answer(callbackId: string, pressedMid: string | undefined, body: Record<string, unknown>): [number, unknown] {
    if (!callbackId) return [400, { code: 'proto.payload', message: 'callback_id is required' }];
    this.answers.push({ callbackId });
    if (pressedMid && body.message && typeof body.message === 'object') return this.edit(pressedMid, body.message as Record<string, unknown>);
    return [200, { success: true }];
  }

  asMessage(sent: MaxSent) {
    const attachments: MaxAttachment[] = sent.buttons.length ? [{ type: 'inline_keyboard', payload: { buttons: sent.buttons } }] : [];
    return { sender: this.bot, recipient: { chat_id: sent.userId + DIALOG_OFFSET, chat_type: 'dialog', user_id: sent.userId }, timestamp: sent.at, body: { mid: sent.mid, seq: 0, text: sent.text, attachments } };
  }
}

function buttonsOf(attachments: unknown): MaxButton[][] {
  if (!Array.isArray(attachments)) return [];
  const keyboard = attachments.find((a: MaxAttachment) => a?.type === 'inline_keyboard') as MaxAttachment | undefined;
  return keyboard?.payload.buttons ?? [];
}
