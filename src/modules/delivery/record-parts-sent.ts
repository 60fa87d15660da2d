// Progress of a message sent in several parts, written after each part so a retry (after
// a failure, a crash or a lost lease) resumes after the parts already delivered.
import type pg from 'pg';
import type { ClaimRef } from './types.js';

/** False when the claim is gone: the row is someone else's now and sending must stop. */
export async function recordPartsSent(pool: pg.Pool, claim: ClaimRef, partsSent: number, providerIds: readonly string[]): Promise<boolean> {
  const { rowCount } = await pool.query(
    `UPDATE outbox_messages SET "partsSent" = $3, "providerId" = $4, "updatedAt" = now()
      WHERE id = $1 AND "claimToken" = $2 AND status = 'sending'`,
    [claim.id, claim.claimToken, partsSent, providerIds.join(',')],
  );
  return rowCount === 1;
}
