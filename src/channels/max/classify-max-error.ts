// What a failed MAX request means for its outbox row. MAX answers errors as
// { code, message } with the HTTP status; the SDK raises them as MaxError.
//
// - 429: the bot is over its rate (MAX counts per bot, not per chat): hand the row back.
// - 403 (`chat.denied`, "error.dialog.suspended": the user stopped or blocked the bot) and
//   404 on a send (`chat.not.found`: the dialog was removed): this chat is dead — fall
//   back and turn the channel inactive.
// - 5xx: MAX's trouble: retry with backoff.
//   Only these codes: a 404 for an unknown path (a wrong MAX_API_ROOT) must not switch off
//   every parent's channel.
// - any other 4xx will not change by retrying; the next channel may still deliver.
// - no answer (network error, timeout): retry; it may have been delivered (the one repeat allowed).
import { MaxError } from '@maxhub/max-bot-api';
import type { SendOutcome } from '../../modules/delivery/types.js';

/** How long the whole bot waits after a 429: MAX sends no retry-after, its window is one second. */
export const MAX_FLOOD_PAUSE_MS = 1000;

export function classifyMaxError(error: unknown): SendOutcome {
  if (error instanceof MaxError) {
    const text = `${error.status} ${error.code ?? ''} ${error.description ?? ''}`.trim();
    if (error.status === 429) return { kind: 'retry', error: text, afterMs: MAX_FLOOD_PAUSE_MS, countAttempt: false };
    if (isDeadDialog(error)) return { kind: 'fallback', error: text, deactivateChannel: true };
    if (error.status >= 500) return { kind: 'retry', error: text, countAttempt: true };
    return { kind: 'fallback', error: text, deactivateChannel: false };
  }
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError') return { kind: 'retry', error: 'network: no answer within the send timeout', countAttempt: true };
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return { kind: 'retry', error: `network: ${error instanceof Error ? error.message : String(error)}${cause}`, countAttempt: true };
}

function isDeadDialog(error: MaxError): boolean {
  const about = `${error.code ?? ''} ${error.description ?? ''}`;
  if (error.status === 403) return error.code === 'chat.denied' || /dialog|blocked/i.test(about);
  if (error.status === 404) return error.code === 'chat.not.found' || /dialog|chat .*not found/i.test(about);
  return false;
}
