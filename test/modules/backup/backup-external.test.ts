// The same round trip on an external server (Debian's PostgreSQL 15), and that server's
// backup restored into the embedded PostgreSQL 18: no pg_dump whose version must match.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { applyMigrations } from '../../../src/db/migrate.js';
import { connectDatabase, type Database } from '../../../src/db/open-database.js';
import { restoreBackup } from '../../../src/modules/backup/restore-backup.js';
import { writeBackup } from '../../../src/modules/backup/write-backup.js';
import { createEmptyDatabase } from '../../support/db.js';
import { createCluster, type Cluster } from '../../support/postgres-cluster.js';
import { expectConsistent, logger, roundTrip, tableDigest } from './round-trip.js';

let dir: string;
let external: Cluster;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vestnik-backup-'));
  external = await createCluster('external');
});
afterAll(async () => {
  await external.destroy();
});

async function externalDatabase(name: string): Promise<Database> {
  const admin = new pg.Client({ connectionString: external.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return connectDatabase(external.url.replace(/\/[^/]*$/, `/${name}`), { poolSize: 4 });
}

test('external PostgreSQL 15: a backup during writes restores consistently, there and into PostgreSQL 18', async () => {
  const source = await externalDatabase('backup_source');
  const target = await externalDatabase('backup_target');
  const embedded = await createEmptyDatabase();
  const embeddedPool = new pg.Pool({ connectionString: embedded.url });
  try {
    await applyMigrations(source.pool, logger);
    const result = await roundTrip(source, target.pool, dir);
    await expectConsistent(source.pool, target.pool, result);

    const file = path.join(dir, 'from-15.vbk');
    await writeBackup(source.pool, file);
    await restoreBackup(embeddedPool, file, { logger });
    for (const table of ['marks', 'domain_events', 'students', 'schools']) {
      expect(`${table}: ${await tableDigest(embeddedPool, table)}`).toBe(`${table}: ${await tableDigest(source.pool, table)}`);
    }
  } finally {
    await embeddedPool.end();
    await embedded.drop();
    for (const db of [source, target]) await db.close();
  }
});
