// Who stops the embedded PostgreSQL: the process that started it, unless another
// process is still connected. Its own connections that have not closed yet do not count.
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openEmbeddedPostgres, type EmbeddedServer } from '../../src/db/embedded-postgres.js';
import { createLogger } from '../../src/lib/logger.js';

function postmasterPid(dataDir: string): number | undefined {
  const file = path.join(dataDir, 'pg', 'postmaster.pid');
  return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : undefined;
}

function isAlive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function connect(url: string, applicationName?: string): Promise<pg.Client> {
  // Another process names itself (or not): its URL carries no name of ours.
  const client = new pg.Client(applicationName ? { connectionString: url.replace(/\?.*$/, ''), application_name: applicationName } : { connectionString: url });
  // The server going away under this client is what some of these tests expect.
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

describe('stopping the embedded PostgreSQL', () => {
  const logger = createLogger('silent');
  let dataDir: string;
  let server: EmbeddedServer | undefined;
  const clients: pg.Client[] = [];

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'vestnik-pgstop-'));
    await chmod(dataDir, 0o755);
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.end().catch(() => undefined);
    const pid = postmasterPid(dataDir);
    if (isAlive(pid)) process.kill(pid!, 'SIGQUIT');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('stops the server even while a connection of its own process is still open', async () => {
    server = await openEmbeddedPostgres(dataDir, logger);
    const pid = postmasterPid(dataDir);
    // A pooled client a component never released, or a socket still closing.
    clients.push(await connect(server.url));
    await server.stop();
    expect(isAlive(pid)).toBe(false);
    expect(existsSync(path.join(dataDir, 'pg-owner.json'))).toBe(false);
  });

  it('leaves the server running for another process still connected, and that process stops it', async () => {
    server = await openEmbeddedPostgres(dataDir, logger);
    const pid = postmasterPid(dataDir);
    // Another Vestnik process (a command run while the service runs) or an operator's psql.
    const other = await connect(server.url, 'psql');
    clients.push(other);
    await server.stop();
    expect(isAlive(pid)).toBe(true);
    await expect(other.query('SELECT 1')).resolves.toBeTruthy();

    await other.end();
    const next = await openEmbeddedPostgres(dataDir, logger);
    await next.stop();
    expect(isAlive(pid)).toBe(false);
  });
});
