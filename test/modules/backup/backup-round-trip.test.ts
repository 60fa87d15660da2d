// Backup while the e-journal keeps writing, then restore into an empty database, on the
// embedded PostgreSQL; a damaged file is refused.
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import pg from 'pg';
import { restoreBackup } from '../../../src/modules/backup/restore-backup.js';
import { writeBackup } from '../../../src/modules/backup/write-backup.js';
import { createEmptyDatabase, createTestDatabase, type TestDatabase } from '../../support/db.js';
import { expectConsistent, logger, roundTrip } from './round-trip.js';

let dir: string;
let embedded: TestDatabase;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vestnik-backup-'));
  embedded = await createTestDatabase();
});
afterAll(async () => {
  await embedded.drop();
});

describe('backup and restore on the embedded PostgreSQL', () => {
  test('a backup taken during writes restores as one consistent moment; a database with data is refused without --force', async () => {
    const target = await createEmptyDatabase();
    const pool = new pg.Pool({ connectionString: target.url });
    try {
      const result = await roundTrip(embedded, pool, dir);
      expect(result.batches).toBeGreaterThan(3);
      await expectConsistent(embedded.pool, pool, result);
      expect(result.restored.rows).toBe(result.backup.rows - result.backup.tables._prisma_migrations!);
      // The file holds every family's data: only its owner may read it.
      expect((await stat(result.file)).mode & 0o777).toBe(0o600);

      await expect(restoreBackup(pool, result.file, { logger })).rejects.toMatchObject({ code: 'CONFLICT' });
      await pool.query(`DELETE FROM marks WHERE "externalId" = 'before-1'`);
      await restoreBackup(pool, result.file, { logger, force: true });
      expect((await pool.query(`SELECT 1 FROM marks WHERE "externalId" = 'before-1'`)).rowCount).toBe(1);
    } finally {
      await pool.end();
      await target.drop();
    }
  });

  test('a damaged or cut-short file is refused and leaves the database empty', async () => {
    const file = path.join(dir, 'whole.vbk');
    await writeBackup(embedded.pool, file);
    const whole = gunzipSync(await readFile(file)).toString();
    const cut = path.join(dir, 'cut.vbk');
    await writeFile(cut, gzipSync(whole.slice(0, Math.floor(whole.length * 0.8))));
    const junk = path.join(dir, 'junk.vbk');
    await writeFile(junk, 'not a backup');

    const target = await createEmptyDatabase();
    const pool = new pg.Pool({ connectionString: target.url });
    try {
      await expect(restoreBackup(pool, cut, { logger })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      expect((await pool.query('SELECT count(*)::int AS n FROM marks')).rows[0].n).toBe(0);
      await expect(restoreBackup(pool, junk, { logger })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    } finally {
      await pool.end();
      await target.drop();
    }
  });
});
