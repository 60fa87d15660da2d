// One sender per external account (a Telegram bot) across all worker processes: a lease
// row, not a session-bound advisory lock. A lost connection or a transaction-mode pooler
// cannot drop it behind the holder's back, and the holder knows from its own clock how
// long it may still send: it stops `marginMs` before the lease could expire on the server,
// so a successor, who can take it only after expiry, never sends at the same time.
import type pg from 'pg';

export interface SenderLeaseOptions {
  name: string;
  /** Unique per dispatcher instance. */
  holder: string;
  leaseMs: number;
  marginMs?: number;
  /** Called once per tenure when it ends without release(): another holder, or not renewed in time. */
  onLost?: () => void;
}

export interface SenderLease {
  readonly name: string;
  /** How long before the server-side expiry the holder stops: sends under way have this long to finish. */
  readonly marginMs: number;
  /** Grows with every change of holder; null while not held. */
  readonly token: string | null;
  /** True while this process may send. */
  holds(): boolean;
  /** Takes the lease when it is free or expired, renews it when held; false when someone else holds it. */
  acquire(): Promise<boolean>;
  release(): Promise<void>;
}

const ACQUIRE = `
  INSERT INTO sender_leases (name, holder, token, "expiresAt")
  VALUES ($1, $2, 1, now() + make_interval(secs => $3::float8 / 1000))
  ON CONFLICT (name) DO UPDATE
     SET token = CASE WHEN sender_leases.holder = EXCLUDED.holder THEN sender_leases.token ELSE sender_leases.token + 1 END,
         holder = EXCLUDED.holder, "expiresAt" = EXCLUDED."expiresAt"
   WHERE sender_leases.holder = EXCLUDED.holder OR sender_leases."expiresAt" < now()
  RETURNING token::text AS token`;

export function createSenderLease(pool: pg.Pool, options: SenderLeaseOptions): SenderLease {
  const marginMs = options.marginMs ?? Math.round(options.leaseMs / 5);
  let token: string | null = null;
  let validUntil = 0;
  let expiry: NodeJS.Timeout | undefined;
  let pending: Promise<boolean> | undefined;

  function lose(): void {
    if (expiry) clearTimeout(expiry);
    expiry = undefined;
    const had = token !== null;
    token = null;
    validUntil = 0;
    if (had) options.onLost?.();
  }

  async function attempt(): Promise<boolean> {
    // Measured from before the request: the server's expiry is at least this late.
    const started = Date.now();
    const { rows } = await pool.query<{ token: string }>(ACQUIRE, [options.name, options.holder, options.leaseMs]);
    const granted = rows[0]?.token;
    if (granted === undefined || (token !== null && granted !== token)) {
      // Someone else holds it, or held it in between: this tenure is over either way.
      lose();
      if (granted === undefined) return false;
    }
    token = granted;
    validUntil = started + options.leaseMs - marginMs;
    if (expiry) clearTimeout(expiry);
    expiry = setTimeout(lose, Math.max(0, validUntil - Date.now()));
    expiry.unref();
    return true;
  }

  return {
    name: options.name,
    marginMs,
    get token() {
      return token;
    },
    holds: () => token !== null && Date.now() < validUntil,
    acquire() {
      pending ??= attempt().finally(() => {
        pending = undefined;
      });
      return pending;
    },
    async release() {
      const held = token !== null;
      if (expiry) clearTimeout(expiry);
      expiry = undefined;
      token = null;
      validUntil = 0;
      // Expire it now so a waiting worker takes over at once instead of after the lease.
      if (held) await pool.query(`UPDATE sender_leases SET "expiresAt" = now() - interval '1 millisecond' WHERE name = $1 AND holder = $2`, [options.name, options.holder]);
    },
  };
}
