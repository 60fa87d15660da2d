// A PostgreSQL cluster that tests and benchmarks can stop and start at will, on a fixed port:
// either the embedded package's binaries (PostgreSQL 18, what `npm start` runs) or
// Debian's `postgresql` package (an external server, as a deployment would have).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { findFreePort } from '../../src/db/embedded-postgres.js';
import { postgresBinaries, postgresUser, type RunAs } from '../../src/db/postgres-binaries.js';

const run = promisify(execFile);

export type ClusterKind = 'embedded' | 'external';

export interface Cluster {
  kind: ClusterKind;
  url: string;
  port: number;
  /** Fast shutdown: sessions are ended, as in a server restart. */
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

const DEBIAN_BIN = '/usr/lib/postgresql/15/bin';

async function binDir(kind: ClusterKind): Promise<string> {
  if (kind === 'embedded') return path.dirname((await postgresBinaries()).pg_ctl);
  if (!existsSync(path.join(DEBIAN_BIN, 'pg_ctl'))) throw new Error(`the external PostgreSQL of these tests is Debian's PostgreSQL 15, and ${DEBIAN_BIN}/pg_ctl is missing: apt-get install postgresql`);
  return DEBIAN_BIN;
}

function exec(file: string, args: string[], runAs: RunAs): Promise<unknown> {
  return run(file, args, { uid: runAs.uid, gid: runAs.gid, env: { PATH: process.env.PATH, LC_ALL: 'C' } });
}

/** An empty data folder the server's user owns, in a folder of its own under the temp dir. */
async function dataFolder(kind: ClusterKind, runAs: RunAs): Promise<{ root: string; dir: string }> {
  const root = await mkdtemp(path.join(os.tmpdir(), `vestnik-faults-${kind}-`));
  // The server runs as the postgres user when we are root: it must be able to enter the folder.
  await chmod(root, 0o755);
  const dir = path.join(root, 'pg');
  // initdb and pg_basebackup refuse a folder they cannot own: as root, hand it to the postgres user first.
  await mkdir(dir, { mode: 0o700 });
  if (runAs.uid !== undefined) await chown(dir, runAs.uid, runAs.gid ?? runAs.uid);
  return { root, dir };
}

export async function createCluster(kind: ClusterKind): Promise<Cluster> {
  const bin = await binDir(kind);
  const runAs = await postgresUser();
  const { root, dir } = await dataFolder(kind, runAs);
  await exec(path.join(bin, 'initdb'), [`--pgdata=${dir}`, '--username=postgres', '--auth=trust', '--encoding=UTF8', '--locale=C'], runAs);
  return serve(kind, bin, runAs, root, dir);
}

/**
 * A streaming replica of `primary`: a base backup taken over the replication protocol with
 * `-R` (standby.signal and primary_conninfo written), started on a port of its own.
 */
export async function createStandby(primary: Cluster): Promise<Cluster> {
  const bin = await binDir(primary.kind);
  const runAs = await postgresUser();
  const { root, dir } = await dataFolder(primary.kind, runAs);
  await exec(path.join(bin, 'pg_basebackup'), ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-D', dir, '-R', '-X', 'stream', '-c', 'fast'], runAs);
  return serve(primary.kind, bin, runAs, root, dir);
}

async function serve(kind: ClusterKind, bin: string, runAs: RunAs, root: string, dir: string): Promise<Cluster> {
  const port = await findFreePort();
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c max_connections=300 -c fsync=off`;
  const cluster: Cluster = {
    kind,
    port,
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    start: async () => {
      await exec(path.join(bin, 'pg_ctl'), ['start', '-D', dir, '-w', '-t', '60', '-l', path.join(dir, 'server.log'), '-o', options], runAs);
    },
    stop: async () => {
      await exec(path.join(bin, 'pg_ctl'), ['stop', '-D', dir, '-m', 'fast', '-w', '-t', '60'], runAs);
    },
    destroy: async () => {
      await exec(path.join(bin, 'pg_ctl'), ['stop', '-D', dir, '-m', 'immediate', '-w', '-t', '60'], runAs).catch(() => undefined);
      await rm(root, { recursive: true, force: true });
    },
  };
  await cluster.start();
  return cluster;
}
