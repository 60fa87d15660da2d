// The heartbeat of claimed rows: extends the lease of every row the caller still holds and
// tells which those are. A row missing from the answer was cancelled (consent withdrawn),
// completed, or taken over after the lease ran out: the caller must not send it.
import type pg from 'pg';
import type { ClaimRef } from './types.js';

export async function renewClaims(pool: pg.Pool, claims: readonly ClaimRef[], leaseMs: number): Promise<Set<string>> {
  if (claims.length === 0) return new Set();
  const { rows } = await pool.query<{ id: string }>(
    `UPDATE outbox_messages o SET "claimedUntil" = now() + make_interval(secs => $3::float8 / 1000)
       FROM unnest($1::uuid[], $2::uuid[]) AS r(id, token)
      WHERE o.id = r.id AND o."claimToken" = r.token AND o.status = 'sending'
     RETURNING o.id`,
    [claims.map((c) => c.id), claims.map((c) => c.claimToken), leaseMs],
  );
  return new Set(rows.map((r) => r.id));
}
