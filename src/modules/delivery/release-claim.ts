// Hands claimed rows back without sending them (stopping, lost sender lease, a chat that
// cannot take a message for a long while): they are queued again at `at`, the attempt not
// counted, and any dispatcher may claim them. Fenced like every completion.
import type pg from 'pg';
import { lockHeldRows } from './lock-held-rows.js';
import type { ClaimRef } from './types.js';

export async function releaseClaim(pool: pg.Pool, claims: readonly ClaimRef[], at: Date, reason: string): Promise<number> {
  if (claims.length === 0) return 0;
  const { rowCount } = await pool.query(
    `WITH ${lockHeldRows()}
     UPDATE outbox_messages o
        SET status = 'queued', "nextAttemptAt" = $3, error = $4, "claimedAt" = NULL, "claimedBy" = NULL, "claimedUntil" = NULL,
            "claimToken" = NULL, attempts = GREATEST(o.attempts - 1, 0), "updatedAt" = now()
       FROM held WHERE o.id = held.id`,
    [claims.map((c) => c.id), claims.map((c) => c.claimToken), at, reason.slice(0, 500)],
  );
  return rowCount ?? 0;
}
