// Each test file gets its own clean, migrated database cloned from the template.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connectDatabase, type Database } from '../../src/db/open-database.js';

const TEMPLATE_DATABASE = 'vestnik_template';

export interface TestDatabase extends Database {
  name: string;
  /** Drops the database; call from afterAll. */
  drop(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env.VESTNIK_TEST_PG_URL;
  if (!url) throw new Error('the test PostgreSQL is not running: run tests through jest (globalSetup starts it)');
  return url;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(options: { poolSize?: number } = {}): Promise<TestDatabase> {
  const name = `test_${randomBytes(6).toString('hex')}`;
  // CREATE DATABASE … TEMPLATE fails while another session is connected to the template; retry briefly.
  for (let attempt = 0; ; attempt += 1) {
    try {
      await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`));
      break;
    } catch (error) {
      if (attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const url = adminUrl().replace(/\/[^/]*$/, `/${name}`);
  const db = connectDatabase(url, { poolSize: options.poolSize ?? 5 });
  return {
    ...db,
    name,
    async drop() {
      await db.close();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** The URL of a new empty database (no migrations), for tests of the migrator itself. */
export async function createEmptyDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `empty_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  return {
    url: adminUrl().replace(/\/[^/]*$/, `/${name}`),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
