// What the outcome of one send does to its row: sent, queued again with backoff, or moved
// to the next channel after too many failures. Fenced by the claim token, as every
// completion: a no-op once the row is no longer the sender's.
import type pg from 'pg';
import { backoffMs, markSent, scheduleRetry } from './complete-outbox.js';
import { fallBack } from './fall-back.js';
import type { ClaimedMessage, ClaimRef, SendOutcome } from './types.js';

export interface RecordOptions {
  now?: number;
  /** How a send is recorded: the dispatcher batches these (create-group-batcher.ts). */
  markSent?: (claim: ClaimRef, providerId: string | undefined) => Promise<boolean>;
}

export async function recordOutcome(pool: pg.Pool, message: ClaimedMessage, outcome: SendOutcome, maxAttempts: number, options: RecordOptions = {}): Promise<boolean> {
  const now = options.now ?? Date.now();
  if (outcome.kind === 'sent') return (options.markSent ?? ((claim, id) => markSent(pool, claim, id)))(message, outcome.providerId);
  if (outcome.kind === 'retry') {
    if (outcome.countAttempt && message.attempts >= maxAttempts) {
      const reason = `gave up after ${message.attempts} attempts: ${outcome.error}`;
      return (await fallBack(pool, message.id, reason, false, message.claimToken)).applied;
    }
    const wait = outcome.afterMs ?? backoffMs(message.attempts);
    return scheduleRetry(pool, message, new Date(now + wait), outcome.error, outcome.countAttempt);
  }
  return (await fallBack(pool, message.id, outcome.error, outcome.deactivateChannel, message.claimToken)).applied;
}
