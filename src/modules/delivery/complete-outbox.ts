// Outcomes of one send, written right after it so a crash repeats as little as possible.
// Each is fenced by the claim token: once the row was cancelled, completed or claimed by
// another worker, a late completion changes nothing and returns false.
import type pg from 'pg';
import { lockHeldRows } from './lock-held-rows.js';
import type { ClaimRef } from './types.js';

const HELD = `id = $1 AND "claimToken" = $2 AND status = 'sending'`;

export async function markSent(pool: pg.Pool, claim: ClaimRef, providerId: string | undefined): Promise<boolean> {
  const [applied] = await markSentMany(pool, [{ claim, providerId }]);
  return applied === true;
}

/** Many sends recorded in one statement (one commit); answers, in order, which were still held. */
export async function markSentMany(pool: pg.Pool, sends: ReadonlyArray<{ claim: ClaimRef; providerId: string | undefined }>): Promise<boolean[]> {
  if (sends.length === 0) return [];
  const { rows } = await pool.query<{ id: string }>(
    `WITH ${lockHeldRows([['provider', 'text']])}
     UPDATE outbox_messages o SET status = 'sent', "sentAt" = now(), "providerId" = held.provider, error = NULL, "claimedAt" = NULL,
            "claimedUntil" = NULL, "claimToken" = NULL, "updatedAt" = now()
       FROM held WHERE o.id = held.id
     RETURNING o.id`,
    [sends.map((s) => s.claim.id), sends.map((s) => s.claim.claimToken), sends.map((s) => s.providerId ?? null)],
  );
  const applied = new Set(rows.map((r) => r.id));
  return sends.map((s) => applied.has(s.claim.id));
}

export async function scheduleRetry(pool: pg.Pool, claim: ClaimRef, at: Date, error: string, countAttempt: boolean): Promise<boolean> {
  const { rowCount } = await pool.query(
    `UPDATE outbox_messages
        SET status = 'queued', "nextAttemptAt" = $3, error = $4, "claimedAt" = NULL, "claimedBy" = NULL, "claimedUntil" = NULL,
            "claimToken" = NULL, attempts = CASE WHEN $5 THEN attempts ELSE GREATEST(attempts - 1, 0) END, "updatedAt" = now()
      WHERE ${HELD}`,
    [claim.id, claim.claimToken, at, error.slice(0, 500), countAttempt],
  );
  return rowCount === 1;
}

/** Exponential backoff with jitter: 2 s, 4 s, 8 s … up to 10 minutes. */
export function backoffMs(attempts: number, baseMs = 2000, capMs = 600_000): number {
  const exp = Math.min(capMs, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exp * (0.75 + Math.random() * 0.5));
}
