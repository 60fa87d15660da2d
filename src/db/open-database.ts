import type pg from 'pg';
import type { Config } from '../config/env.js';
import type { Logger } from '../lib/logger.js';
import { openEmbeddedPostgres, type EmbeddedServer } from './embedded-postgres.js';
import { applyMigrations } from './migrate.js';
import { createPool, createPrismaClient, type PrismaClient } from './prisma.js';
import { createReadReplica, primaryOnly, type ReadReplica, type ReadReplicaOptions } from './read-replica.js';

export interface Database {
  url: string;
  pool: pg.Pool;
  prisma: PrismaClient;
  /** 'embedded' when Vestnik runs its own PostgreSQL in the data folder. */
  kind: 'embedded' | 'external';
  /** Where the read-heavy paths read: the replica of DATABASE_REPLICA_URL, or the primary. */
  reads: ReadReplica;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** Apply pending migrations (the service and `vestnik migrate` do; tests use a migrated template). */
  migrate?: boolean;
  poolSize?: number;
  replica?: ReadReplicaOptions;
}

export async function openDatabase(config: Config, logger: Logger, options: OpenDatabaseOptions = {}): Promise<Database> {
  let embedded: EmbeddedServer | undefined;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await openEmbeddedPostgres(config.dataDir, logger);
    url = embedded.url;
  }
  const db = connectDatabase(url, { poolSize: options.poolSize, kind: embedded ? 'embedded' : 'external', onClose: () => embedded?.stop() });
  try {
    if (options.migrate !== false) await applyMigrations(db.pool, logger);
    if (config.databaseReplicaUrl) await attachReplica(db, config.databaseReplicaUrl, logger, options);
    return db;
  } catch (error) {
    await db.close();
    throw error;
  }
}

/** Reads of the read-heavy paths go to the replica from now on; closing the database closes it too. */
export async function attachReplica(db: Database, url: string, logger: Logger, options: OpenDatabaseOptions = {}): Promise<void> {
  const replica = connectDatabase(url, { poolSize: options.poolSize });
  db.reads = await createReadReplica(db, replica, logger, options.replica);
}

export function connectDatabase(
  url: string,
  options: { poolSize?: number; kind?: Database['kind']; onClose?: () => Promise<void> | undefined } = {},
): Database {
  const pool = createPool(url, options.poolSize);
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  // pool.end() resolves once clients are asked to end, not once their sockets have closed;
  // close() waits for the sockets so a caller that then stops or drops the database does
  // not kill live connections under it.
  const sockets = new Set<pg.Client>();
  pool.on('connect', (client) => {
    // A checked-out client has no error listener of its own, so a connection lost between
    // two queries of a transaction would crash the process. The loss still reaches the
    // caller: its next query on that client fails.
    client.on('error', () => undefined);
    sockets.add(client);
    client.once('end', () => sockets.delete(client));
  });
  const prisma = createPrismaClient(pool);
  let closed = false;
  const db: Database = {
    url,
    pool,
    prisma,
    kind: options.kind ?? 'external',
    reads: primaryOnly({ prisma, pool }),
    async ping() {
      try {
        await pool.query('SELECT 1');
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await db.reads.close();
      await prisma.$disconnect().catch(() => undefined);
      const ended = Promise.all([...sockets].map((client) => new Promise((resolve) => client.once('end', resolve))));
      await withinMs(pool.end().catch(() => undefined), 10_000);
      await withinMs(ended, 5000);
      await options.onClose?.();
    },
  };
  return db;
}

/** Waits for `work`, but no longer than `ms`: a client never released must not hang shutdown. */
async function withinMs(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
