// The check right before a send: which of these rows does the caller still hold? A read,
// not a write: a row whose lease has most of its time left cannot be taken over before its
// send is recorded, so confirming it needs no new row version (each one is a write to every
// index of the outbox, and confirming every send that way cost a third of all its writes).
// Only rows whose lease is running low, after a stall, are renewed as well.
import type pg from 'pg';
import { renewClaims } from './renew-claims.js';
import type { ClaimRef } from './types.js';

export async function confirmClaims(pool: pg.Pool, claims: readonly ClaimRef[], leaseMs: number): Promise<Set<string>> {
  if (claims.length === 0) return new Set();
  const { rows } = await pool.query<{ id: string; fresh: boolean }>(
    `SELECT o.id, o."claimedUntil" > now() + make_interval(secs => $3::float8 / 2000) AS fresh
       FROM unnest($1::uuid[], $2::uuid[]) AS r(id, token)
       JOIN outbox_messages o ON o.id = r.id AND o."claimToken" = r.token AND o.status = 'sending'`,
    [claims.map((c) => c.id), claims.map((c) => c.claimToken), leaseMs],
  );
  const kept = new Set(rows.filter((r) => r.fresh).map((r) => r.id));
  const low = new Set(rows.filter((r) => !r.fresh).map((r) => r.id));
  if (low.size === 0) return kept;
  for (const id of await renewClaims(pool, claims.filter((c) => low.has(c.id)), leaseMs)) kept.add(id);
  return kept;
}
