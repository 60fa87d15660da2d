// Where the read-heavy paths read. With DATABASE_REPLICA_URL set they read a streaming
// replica of the primary, which takes the load of views, reports and digest composition
// off the server that takes every write. A replica is always a little behind, so:
// - `current()` is for reads that may be a moment old (a parent's marks view): the replica
//   while it answers and is at most `maxLagMs` behind, else the primary;
// - `caughtUp()` is for reads that must see everything committed before the call (a report
//   right after the action it reports, a digest that must not miss the last mark): it waits
//   briefly until the replica has replayed the primary's current WAL position, else it
//   answers with the primary.
// Without a replica both answer with the primary at once, without a query.
import type pg from 'pg';
import type { Logger } from '../lib/logger.js';
import type { PrismaClient } from './prisma.js';

export interface ReadTarget {
  prisma: PrismaClient;
  pool: pg.Pool;
  /** 'replica' or 'primary': which server answers (for logs and tests). */
  server: 'replica' | 'primary';
}

export interface ReadReplica {
  readonly configured: boolean;
  current(): ReadTarget;
  caughtUp(): Promise<ReadTarget>;
  /** The last health check: whether the replica is used, and how far behind it was. */
  state(): { usable: boolean; lagMs: number | null };
  /** Checks the replica now (also done every `checkEveryMs`). */
  check(): Promise<void>;
  close(): Promise<void>;
}

export interface ReadReplicaOptions {
  /** Behind by more than this, the replica is not used for `current()` reads. */
  maxLagMs?: number;
  checkEveryMs?: number;
  /** How long `caughtUp()` waits for the replica before reading the primary. */
  catchUpWaitMs?: number;
}

interface Side {
  prisma: PrismaClient;
  pool: pg.Pool;
}

/** No replica: every read goes to the primary. */
export function primaryOnly(primary: Side): ReadReplica {
  const target: ReadTarget = { ...primary, server: 'primary' };
  return {
    configured: false,
    current: () => target,
    caughtUp: async () => target,
    state: () => ({ usable: false, lagMs: null }),
    check: async () => undefined,
    close: async () => undefined,
  };
}

// Replay position and lag in one round trip. A replica that has replayed all it received
// is not behind, however long ago the last transaction was (an idle primary sends nothing).
const LAG_SQL = `SELECT pg_is_in_recovery() AS standby,
  CASE WHEN NOT pg_is_in_recovery() OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
       ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) * 1000, 0) END AS lag_ms`;

export async function createReadReplica(primary: Side, replica: Side & { close(): Promise<void> }, logger: Logger, options: ReadReplicaOptions = {}): Promise<ReadReplica> {
  const maxLagMs = options.maxLagMs ?? 10_000;
  const catchUpWaitMs = options.catchUpWaitMs ?? 1000;
  const primaryTarget: ReadTarget = { ...primary, server: 'primary' };
  const replicaTarget: ReadTarget = { ...replica, server: 'replica' };
  let usable = false;
  let lagMs: number | null = null;
  let standby = true;
  let warnedNotStandby = false;

  const check = async () => {
    let next: boolean;
    try {
      const { rows } = await replica.pool.query<{ standby: boolean; lag_ms: string | number }>(LAG_SQL);
      const row = rows[0]!;
      lagMs = Math.round(Number(row.lag_ms));
      next = lagMs <= maxLagMs;
      standby = row.standby;
      if (!row.standby && !warnedNotStandby) {
        warnedNotStandby = true;
        logger.warn('DATABASE_REPLICA_URL names a server that is not a standby: its data may not be the primary\'s');
      }
    } catch (error) {
      lagMs = null;
      next = false;
      if (usable) logger.warn({ err: error }, 'the read replica does not answer: reading the primary');
    }
    if (next !== usable) logger.info({ lagMs }, next ? 'reading the replica' : 'the read replica is behind: reading the primary');
    usable = next;
  };
  await check();
  const timer = setInterval(() => void check(), options.checkEveryMs ?? 5000);
  timer.unref();

  return {
    configured: true,
    current: () => (usable ? replicaTarget : primaryTarget),
    async caughtUp() {
      // A server that is not a standby has no replay position to wait for.
      if (!usable || !standby) return primaryTarget;
      try {
        const { rows } = await primary.pool.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
        const lsn = rows[0]!.lsn;
        const deadline = Date.now() + catchUpWaitMs;
        for (;;) {
          const { rows: replayed } = await replica.pool.query<{ ok: boolean }>('SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok', [lsn]);
          if (replayed[0]?.ok) return replicaTarget;
          if (Date.now() >= deadline) return primaryTarget;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      } catch {
        return primaryTarget;
      }
    },
    state: () => ({ usable, lagMs }),
    check,
    async close() {
      clearInterval(timer);
      await replica.close();
    },
  };
}
