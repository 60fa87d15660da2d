// As root, the embedded server runs as the `postgres` user, which must be able to enter
// every folder above its data folder and above its binaries. A newcomer typically clones
// into /root (mode 0700), where it can enter neither. Then the cluster lives in a folder
// of its own under /var/lib/vestnik, linked from `<dataDir>/pg` so that later starts and
// commands find it, and the binaries are copied there once per PostgreSQL version.
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, cp, lstat, mkdir, readFile, readlink, realpath, rename, rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../lib/logger.js';
import type { Binaries, RunAs } from './postgres-binaries.js';

/** Where clusters and binaries go when the postgres user cannot reach the data folder. */
export const DEFAULT_CLUSTER_HOME = '/var/lib/vestnik';

/** The one-sentence fix, for every way the postgres user can be locked out. */
const FIX = 'move the data folder (VESTNIK_DATA_DIR) and the checkout to a place it can enter, such as /srv/vestnik, or set DATABASE_URL to a PostgreSQL server of your own';

/** True when the user can search `target` and every folder above it (and run it, for a file). */
export function canEnter(target: string, runAs: RunAs): Promise<boolean> {
  if (runAs.uid === undefined) return Promise.resolve(true);
  return new Promise((resolve) => {
    // `test -x` asks the kernel with that user's rights, as the server will be asked. A system
    // without `test` gets the benefit of the doubt: the server's own start then says what is wrong.
    execFile('test', ['-x', target], { uid: runAs.uid, gid: runAs.gid }, (error) => resolve(!error || error.code === 'ENOENT'));
  });
}

/**
 * The folder PostgreSQL keeps its data in: `<dataDir>/pg`, or, when the postgres user
 * cannot enter the data folder, the folder that `<dataDir>/pg` links to under `home`.
 */
export async function placeCluster(dataDir: string, runAs: RunAs, home: string, logger: Logger): Promise<string> {
  const link = path.join(dataDir, 'pg');
  if (runAs.uid === undefined) return link;
  const existing = await lstat(link).catch(() => undefined);
  if (existing?.isSymbolicLink()) return path.resolve(dataDir, await readlink(link));
  if (await canEnter(dataDir, runAs)) return link;
  if (existing && existsSync(path.join(link, 'PG_VERSION'))) {
    throw new Error(`the embedded PostgreSQL in ${link} runs as the postgres user, who cannot enter ${dataDir}: ${FIX}`);
  }
  // No cluster yet (or only what a failed initdb left): create it where the server can live.
  await rm(link, { recursive: true, force: true });
  const target = path.join(await reachableHome(home, runAs, dataDir), `cluster-${hashOf(await realpath(dataDir))}`);
  await symlink(target, link);
  logger.info({ dataDir, cluster: target }, 'the postgres user cannot enter the data folder: the embedded PostgreSQL keeps its files in a folder of its own');
  return target;
}

/** The binaries as the postgres user can run them: where npm put them, or a copy under `home`. */
export async function reachableBinaries(binaries: Binaries, runAs: RunAs, home: string, logger: Logger): Promise<Binaries> {
  if ((await canEnter(binaries.initdb, runAs)) && (await canEnter(binaries.postgres, runAs))) return binaries;
  const native = path.resolve(path.dirname(binaries.postgres), '..');
  const { version } = JSON.parse(await readFile(path.join(native, '..', 'package.json'), 'utf8')) as { version: string };
  const copy = path.join(await reachableHome(home, runAs, native), `postgres-${version}`);
  if (!existsSync(path.join(copy, 'bin', 'postgres'))) {
    logger.info({ from: native, to: copy }, 'the postgres user cannot reach the PostgreSQL binaries: copying them where it can');
    // Copied aside and renamed into place, so a process that stops halfway leaves no partial copy.
    const partial = `${copy}.partial-${randomBytes(4).toString('hex')}`;
    await cp(native, partial, { recursive: true, verbatimSymlinks: true });
    await chmod(partial, 0o755);
    await rename(partial, copy).catch(async (error: NodeJS.ErrnoException) => {
      await rm(partial, { recursive: true, force: true });
      // Another process put its copy there first.
      if (!existsSync(path.join(copy, 'bin', 'postgres'))) throw error;
    });
  }
  const relocated = {
    initdb: path.join(copy, 'bin', 'initdb'),
    pg_ctl: path.join(copy, 'bin', 'pg_ctl'),
    postgres: path.join(copy, 'bin', 'postgres'),
  };
  if (!(await canEnter(relocated.postgres, runAs))) {
    throw new Error(`PostgreSQL runs as the postgres user, who cannot run ${relocated.postgres}: ${FIX}`);
  }
  return relocated;
}

async function reachableHome(home: string, runAs: RunAs, unreachable: string): Promise<string> {
  await mkdir(home, { recursive: true, mode: 0o755 });
  if (!(await canEnter(home, runAs))) {
    throw new Error(`PostgreSQL runs as the postgres user, who can enter neither ${unreachable} nor ${home}: ${FIX}`);
  }
  return home;
}

function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
