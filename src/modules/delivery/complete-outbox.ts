// Outcomes of one send, written right after it so a crash repeats as little as possible.
import type pg from 'pg';

export async function markSent(pool: pg.Pool, id: string, providerId: string | undefined): Promise<void> {
  await pool.query(
    `UPDATE outbox_messages SET status = 'sent', "sentAt" = now(), "providerId" = $2, error = NULL, "claimedAt" = NULL, "updatedAt" = now()
      WHERE id = $1 AND status = 'sending'`,
    [id, providerId ?? null],
  );
}

export async function scheduleRetry(pool: pg.Pool, id: string, at: Date, error: string, countAttempt: boolean): Promise<void> {
  await pool.query(
    `UPDATE outbox_messages
        SET status = 'queued', "nextAttemptAt" = $2, error = $3, "claimedAt" = NULL, "claimedBy" = NULL,
            attempts = CASE WHEN $4 THEN attempts ELSE GREATEST(attempts - 1, 0) END, "updatedAt" = now()
      WHERE id = $1 AND status = 'sending'`,
    [id, at, error.slice(0, 500), countAttempt],
  );
}

/** Exponential backoff with jitter: 2 s, 4 s, 8 s … up to 10 minutes. */
export function backoffMs(attempts: number, baseMs = 2000, capMs = 600_000): number {
  const exp = Math.min(capMs, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exp * (0.75 + Math.random() * 0.5));
}
