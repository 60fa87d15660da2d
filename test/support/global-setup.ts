// One embedded PostgreSQL for the whole test run, with a migrated template database;
// every test file clones the template (CREATE DATABASE … TEMPLATE), which takes milliseconds.
import { execFileSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openEmbeddedPostgres } from '../../src/db/embedded-postgres.js';
import { applyMigrations } from '../../src/db/migrate.js';
import { createLogger } from '../../src/lib/logger.js';

export const TEMPLATE_DATABASE = 'vestnik_template';

export default async function globalSetup(): Promise<void> {
  // Tests that spawn bin/vestnik.js run dist/: compile the current sources first. A source
  // that does not compile is reported here and fails the tests that import it, not all.
  try {
    execFileSync(process.execPath, [fileURLToPath(new URL('../../scripts/build.mjs', import.meta.url))], { stdio: 'inherit' });
  } catch {
    console.warn('npm run build failed: tests that spawn bin/vestnik.js run the previous build');
  }
  const logger = createLogger('warn');
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vestnik-test-'));
  const server = await openEmbeddedPostgres(dataDir, logger);
  const adminUrl = server.url.replace(/\/[^/]*$/, '/postgres');
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE}`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await admin.end();
  const pool = new pg.Pool({ connectionString: server.url.replace(/\/[^/]*$/, `/${TEMPLATE_DATABASE}`) });
  await applyMigrations(pool, logger);
  await pool.end();
  process.env.VESTNIK_TEST_PG_URL = adminUrl;
  process.env.VESTNIK_TEST_PG_DIR = dataDir;
  (globalThis as { __vestnikTestServer?: typeof server }).__vestnikTestServer = server;
}
