import type { Body } from './markup.js';
import type { Keyboard } from './keyboard.js';
import type { Turn } from './types.js';

/** A new message with the view and its buttons. */
export function sendView(turn: Turn, body: Body, keyboard?: Keyboard): Promise<void> {
  return turn.out.send({ body, buttons: keyboard?.rows() });
}

/** Redraws the message the pressed button belongs to (settings screens), or sends a new one. */
export function showScreen(turn: Turn, body: Body, keyboard?: Keyboard): Promise<void> {
  return turn.out.redraw({ body, buttons: keyboard?.rows() });
}

/** Stops the button's spinner, with a notice when given; a stale press must not fail the turn. */
export async function answer(turn: Turn, text?: string, alert = false): Promise<void> {
  if (turn.input.kind !== 'button') return;
  await turn.out.answer(text, alert).catch(() => undefined);
}

/** A plain text reply: typed input gets a message, a press gets it too (its spinner stopped first). */
export async function say(turn: Turn, text: Body | string): Promise<void> {
  await answer(turn);
  await turn.out.send({ body: typeof text === 'string' ? [text] : text });
}
