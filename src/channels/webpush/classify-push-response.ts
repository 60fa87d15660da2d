// What a push service's answer means for the outbox row (RFC 8030, and what FCM, Mozilla
// and Apple answer in practice):
// - 201 (or any 2xx): accepted for the browser. Not read yet: only an acknowledgment ends R8's duty.
// - 404, 410: the subscription is gone (the browser unsubscribed, the app was removed):
//   fall back and turn the channel and the subscription off.
// - 429: too many pushes; wait as long as Retry-After says, without using an attempt.
// - 5xx: the push service's trouble: retry with backoff.
// - other 4xx (a payload too large, a VAPID key the service refuses) will not change by
//   retrying; the next channel may still deliver, and the subscription is kept.
import type { SendOutcome } from '../../modules/delivery/types.js';

const DEFAULT_WAIT_MS = 10_000;
const MAX_WAIT_MS = 10 * 60_000;

/** Retry-After in seconds or as an HTTP date, in milliseconds from `now`. */
function retryAfterMs(header: string | null, now: number): number {
  if (!header) return DEFAULT_WAIT_MS;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 1000), MAX_WAIT_MS) : DEFAULT_WAIT_MS;
}

/** A send outcome; `gone` marks a subscription the push service no longer knows. */
export type PushOutcome = SendOutcome & { gone?: boolean };

export function classifyPushResponse(status: number, retryAfter: string | null, body: string, now: number): PushOutcome {
  const text = `push service ${status}${body ? `: ${body.slice(0, 200)}` : ''}`;
  if (status >= 200 && status < 300) return { kind: 'sent' };
  if (status === 404 || status === 410) return { kind: 'fallback', error: text, deactivateChannel: true, gone: true };
  if (status === 429) return { kind: 'retry', error: text, afterMs: retryAfterMs(retryAfter, now), countAttempt: false };
  if (status >= 500) return { kind: 'retry', error: text, countAttempt: true };
  return { kind: 'fallback', error: text, deactivateChannel: false };
}

/** No answer at all (refused connection, DNS, timeout): retry; the push may have arrived (the one repeat allowed). */
export function classifyPushFailure(error: unknown): SendOutcome {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError') return { kind: 'retry', error: 'network: no answer within the send timeout', countAttempt: true };
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return { kind: 'retry', error: `network: ${error instanceof Error ? error.message : String(error)}${cause}`, countAttempt: true };
}
