// The heartbeat of claimed rows: extends the lease of every row the caller still holds and
// tells which those are. A row missing from the answer was cancelled (consent withdrawn),
// completed, or taken over after the lease ran out: the caller must not send it.
import type pg from 'pg';
import { lockHeldRows } from './lock-held-rows.js';
import type { ClaimRef } from './types.js';

export async function renewClaims(pool: pg.Pool, claims: readonly ClaimRef[], leaseMs: number): Promise<Set<string>> {
  if (claims.length === 0) return new Set();
  const { rows } = await pool.query<{ id: string }>(
    `WITH ${lockHeldRows()}
     UPDATE outbox_messages o SET "claimedUntil" = now() + make_interval(secs => $3::float8 / 1000)
       FROM held WHERE o.id = held.id
     RETURNING o.id`,
    [claims.map((c) => c.id), claims.map((c) => c.claimToken), leaseMs],
  );
  return new Set(rows.map((r) => r.id));
}
