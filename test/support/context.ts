import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/env.js';
import type { AppContext } from '../../src/app/app-context.js';
import { createLogger } from '../../src/lib/logger.js';
import type { TestDatabase } from './db.js';

export const TEST_SECRET = 'test-secret-0123456789abcdef';

/**
 * An AppContext over a test database, as the service would build it. Its data folder (mail
 * written to files, VAPID keys) is the database's own under the system's temporary folder,
 * never the working tree.
 */
export function testContext(db: TestDatabase, env: NodeJS.ProcessEnv = {}): AppContext {
  const dataDir = path.join(os.tmpdir(), `vestnik-${db.name}`);
  const config = loadConfig({ DATABASE_URL: db.url, VESTNIK_SECRET: TEST_SECRET, LOG_LEVEL: 'silent', VESTNIK_DATA_DIR: dataDir, ...env });
  return { config, logger: createLogger('silent'), db, secret: TEST_SECRET };
}

/** CLI io that captures output, with an environment pointing at the test database. */
export function captureIo(db: { url: string }, env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      out: (text: string) => out.push(text),
      err: (text: string) => err.push(text),
      env: { DATABASE_URL: db.url, VESTNIK_SECRET: TEST_SECRET, LOG_LEVEL: 'silent', VESTNIK_LANG: 'en', ...env },
    },
  };
}
