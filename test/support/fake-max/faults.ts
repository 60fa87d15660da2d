// Delivery faults the fake MAX can answer with, shaped as MAX answers them: an error body
// is { code, message }. MAX's published API names the statuses (400, 401, 404, 405, 429,
// 500, 503) but not the body for a user who stopped the bot; integrations in the wild
// record 403 { code: 'chat.denied', message: 'Key: error.dialog.suspended, …' } for it,
// and 404 { code: 'chat.not.found' } once the dialog itself is gone.
import type { MaxFault, MaxFaultRule } from './types.js';

export const maxFaults = {
  /** What MAX answers above the bot's rate. */
  tooManyRequests: (): MaxFault => ({ kind: 'error', status: 429, code: 'too.many.requests', message: 'Too many requests' }),
  serverError: (status = 500): MaxFault => ({ kind: 'error', status, code: status === 503 ? 'service.unavailable' : 'internal.error', message: 'Internal error' }),
  /** The user stopped the bot (or blocked it): the dialog is suspended. */
  dialogSuspended: (userId: number): MaxFault => ({ kind: 'error', status: 403, code: 'chat.denied', message: `Key: error.dialog.suspended, args: [${userId},].` }),
  /** The user removed the dialog: there is no chat to write to. */
  dialogNotFound: (userId: number): MaxFault => ({ kind: 'error', status: 404, code: 'chat.not.found', message: `Chat ${userId + 1_000_000_000} not found` }),
  /** Hold the answer back; the call is carried out afterwards, as MAX delivers what it accepted. */
  delay: (ms: number): MaxFault => ({ kind: 'delay', ms }),
  /** No answer at all until the client gives up or the fake closes; nothing is delivered. */
  hang: (): MaxFault => ({ kind: 'hang' }),
  /** The connection is closed without an answer: the client sees a network error. */
  dropConnection: (): MaxFault => ({ kind: 'drop' }),
  /** What MAX answers for a request it will never accept (here: a text it cannot take). */
  badRequest: (): MaxFault => ({ kind: 'error', status: 400, code: 'proto.payload', message: 'text: size must be between 0 and 4000' }),
  /** The answer waits until `until` settles (the test's own gate), then the call is carried out. */
  holdUntil: (until: Promise<void>): MaxFault => ({ kind: 'hold', until }),
} as const;

export interface ActiveMaxRule extends MaxFaultRule {
  remaining: number;
  seen: number;
}

/** With a `fraction`, whether this matching call is one of its share: call n hits when floor(n·f) steps up. */
export function takesTurn(rule: ActiveMaxRule): boolean {
  if (rule.fraction === undefined) return true;
  rule.seen += 1;
  return Math.floor(rule.seen * rule.fraction) > Math.floor((rule.seen - 1) * rule.fraction);
}

/** Requests held without an answer, released (unanswered) when the fake closes. */
export class HangingRequests {
  private readonly held = new Set<() => void>();

  hold(): Promise<void> {
    return new Promise((resolve) => this.held.add(resolve));
  }

  releaseAll(): void {
    for (const release of this.held) release();
    this.held.clear();
  }
}
