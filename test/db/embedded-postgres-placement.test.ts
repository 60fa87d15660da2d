// A newcomer clones as root into a folder the `postgres` user cannot enter (/root is
// 0700) and runs `npm start`: the embedded database must start there too.
import { existsSync, lstatSync, realpathSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { openEmbeddedPostgres } from '../../src/db/embedded-postgres.js';
import { postgresBinaries, postgresUser } from '../../src/db/postgres-binaries.js';
import { reachableBinaries } from '../../src/db/postgres-placement.js';
import { createLogger } from '../../src/lib/logger.js';

const run = promisify(execFile);
const logger = createLogger('silent');
const asRoot = process.getuid?.() === 0;

async function query(url: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('the embedded PostgreSQL in a folder the postgres user cannot enter', () => {
  let locked: string;
  let clusterHome: string;

  beforeEach(async () => {
    // Like /root: only its owner may enter it.
    locked = await mkdtemp(path.join(os.tmpdir(), 'vestnik-locked-'));
    await chmod(locked, 0o700);
    clusterHome = await mkdtemp(path.join(os.tmpdir(), 'vestnik-clusters-'));
    await chmod(clusterHome, 0o755);
  });
  afterEach(async () => {
    await rm(locked, { recursive: true, force: true });
    await rm(clusterHome, { recursive: true, force: true });
  });

  it('starts, keeps its data across restarts, and is found again by the next process', async () => {
    const dataDir = path.join(locked, 'vestnik', 'var');
    const first = await openEmbeddedPostgres(dataDir, logger, { clusterHome });
    try {
      await query(first.url, 'CREATE TABLE kept (note text); INSERT INTO kept VALUES ($$from the first start$$)');
    } finally {
      await first.stop();
    }
    const second = await openEmbeddedPostgres(dataDir, logger, { clusterHome });
    try {
      expect((await query(second.url, 'SELECT note FROM kept')).rows).toEqual([{ note: 'from the first start' }]);
    } finally {
      await second.stop();
    }
    const link = path.join(dataDir, 'pg');
    // As root the server runs as `postgres`, so its files live where that user can reach
    // them and the data folder points there; as anyone else they stay in the data folder.
    expect(lstatSync(link).isSymbolicLink()).toBe(asRoot);
    expect(realpathSync(link).startsWith(realpathSync(asRoot ? clusterHome : dataDir))).toBe(true);
  });

  it('says at once what is wrong and how to fix it when no folder the postgres user can enter is at hand', async () => {
    const dataDir = path.join(locked, 'vestnik', 'var');
    const opening = openEmbeddedPostgres(dataDir, logger, { clusterHome: path.join(locked, 'clusters') });
    if (asRoot) {
      await expect(opening).rejects.toThrow(/postgres user, who can enter neither .* move the data folder .* or set DATABASE_URL/);
    } else {
      // The server runs as this user, who can enter its own folder.
      await (await opening).stop();
    }
  });

  it('runs binaries from a copy when the postgres user cannot reach the installed ones', async () => {
    const installed = await postgresBinaries();
    // The checkout, with its node_modules, inside the locked folder.
    const native = path.join(locked, 'node_modules', 'native');
    await mkdir(native, { recursive: true });
    await cp(path.resolve(path.dirname(installed.postgres), '..'), native, { recursive: true, verbatimSymlinks: true });
    await cp(path.resolve(path.dirname(installed.postgres), '../../package.json'), path.join(locked, 'node_modules', 'package.json'));
    const bin = (name: string) => path.join(native, 'bin', name);
    const runAs = await postgresUser();
    const usable = await reachableBinaries({ initdb: bin('initdb'), pg_ctl: bin('pg_ctl'), postgres: bin('postgres') }, runAs, clusterHome, logger);
    expect(usable.postgres.startsWith(asRoot ? clusterHome : native)).toBe(true);
    const { stdout } = await run(usable.postgres, ['--version'], { uid: runAs.uid, gid: runAs.gid });
    expect(stdout).toMatch(/^postgres \(PostgreSQL\) \d+/);
    expect(existsSync(usable.initdb)).toBe(true);
  });
});
