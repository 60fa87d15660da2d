// The rows one dispatcher holds: waiting in its local queue, being sent, or sent but not yet
// recorded. Their leases are renewed together by the heartbeat, so a row waited on (a 429,
// a slow chat) stays this dispatcher's, and a row it lost (consent withdrawn, taken over
// after an outage longer than the lease) leaves the queue instead of being sent.
import type pg from 'pg';
import { createGroupBatcher } from '../../lib/create-group-batcher.js';
import { confirmClaims } from './confirm-claims.js';
import { releaseClaim } from './release-claim.js';
import { renewClaims } from './renew-claims.js';
import type { ClaimedMessage } from './types.js';

export interface HeldClaims {
  /** Rows waiting to be sent, critical ones first. */
  readonly queue: ClaimedMessage[];
  size(): number;
  ids(): string[];
  /** Adds freshly claimed rows (never one held already); returns how many were new. */
  add(rows: readonly ClaimedMessage[]): number;
  forget(id: string): void;
  /** Extends the lease of every held row; forgets those that are no longer this dispatcher's. */
  renew(): Promise<void>;
  /** Right before a send: is the row still ours and still to be sent? */
  confirm(message: ClaimedMessage): Promise<boolean>;
  /** Gives queued rows back to everyone, to be sent from `at`. */
  handBack(rows: readonly ClaimedMessage[], at: Date, reason: string): Promise<void>;
  /** Takes the first queued row that can go now, or says how long until one can. */
  take(readyIn?: (message: ClaimedMessage) => number): ClaimedMessage | number | undefined;
  /** Hands back queued rows that cannot go for longer than `afterMs`, to be sent when they can. */
  handBackLate(readyIn: (message: ClaimedMessage) => number, afterMs: number): Promise<void>;
}

export function createHeldClaims(pool: pg.Pool, leaseMs: number): HeldClaims {
  const held = new Map<string, ClaimedMessage>();
  const queue: ClaimedMessage[] = [];
  // Every lane confirms right before its send: together, in one statement per round.
  const confirming = createGroupBatcher(async (claims: ClaimedMessage[]) => {
    const kept = await confirmClaims(pool, claims, leaseMs);
    return claims.map((claim) => kept.has(claim.id));
  });

  function forget(id: string): void {
    held.delete(id);
    const at = queue.findIndex((m) => m.id === id);
    if (at !== -1) queue.splice(at, 1);
  }

  async function handBack(rows: readonly ClaimedMessage[], at: Date, reason: string): Promise<void> {
    if (rows.length === 0) return;
    for (const row of rows) forget(row.id);
    await releaseClaim(pool, rows, at, reason);
  }

  return {
    queue,
    size: () => held.size,
    ids: () => [...held.keys()],
    add(rows) {
      let added = 0;
      for (const row of rows) {
        if (held.has(row.id)) continue;
        held.set(row.id, row);
        added += 1;
        // Final grades overtake ordinary messages already waiting in the local queue too.
        const at = row.critical ? queue.findIndex((queued) => !queued.critical) : -1;
        if (at === -1) queue.push(row);
        else queue.splice(at, 0, row);
      }
      return added;
    },
    forget,
    async renew() {
      const claims = [...held.values()];
      const kept = await renewClaims(pool, claims, leaseMs);
      // Only the claims asked about: rows claimed meanwhile were not part of the answer.
      for (const claim of claims) if (!kept.has(claim.id) && held.get(claim.id) === claim) forget(claim.id);
    },
    async confirm(message) {
      const kept = await confirming.add(message);
      if (!kept) forget(message.id);
      return kept;
    },
    handBack,
    take(readyIn) {
      if (queue.length === 0) return undefined;
      if (!readyIn) return queue.shift();
      let soonest = Infinity;
      for (let i = 0; i < queue.length; i += 1) {
        const wait = readyIn(queue[i] as ClaimedMessage);
        if (wait === 0) return queue.splice(i, 1)[0];
        soonest = Math.min(soonest, wait);
      }
      return Math.min(soonest, 50);
    },
    async handBackLate(readyIn, afterMs) {
      const now = Date.now();
      const late = queue.map((message) => ({ message, wait: readyIn(message) })).filter((m) => m.wait > afterMs);
      for (const { message, wait } of late) await handBack([message], new Date(now + wait), 'recipient not ready');
    },
  };
}
