// A consistent backup of the whole database while the service keeps writing: one
// REPEATABLE READ, READ ONLY transaction sees a single snapshot across every table, read
// through a cursor so no table has to fit in memory. It needs no pg_dump, whose version
// would have to match the server's.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { PassThrough } from 'node:stream';
import { createGzip } from 'node:zlib';
import type pg from 'pg';
import { BACKUP_FORMAT, BACKUP_VERSION, headerLine } from './backup-format.js';
import { listTables } from './list-tables.js';

const FETCH_ROWS = 2000;

export interface BackupResult {
  file: string;
  tables: Record<string, number>;
  rows: number;
}

export async function writeBackup(pool: pg.Pool, file: string, now: Date = new Date()): Promise<BackupResult> {
  const client = await pool.connect();
  // Written beside the target and renamed at the end: a failed backup never leaves a file
  // that looks complete. 0600: it holds every family's personal data.
  const partial = `${file}.partial`;
  const lines = new PassThrough();
  const written = pipeline(lines, createGzip(), createWriteStream(partial, { mode: 0o600 }));
  const tables: Record<string, number> = {};
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows: version } = await client.query<{ v: string }>('SHOW server_version');
    const { rows: migrations } = await client.query<{ name: string }>(
      `SELECT migration_name AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
    );
    await write(lines, headerLine({ format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: now.toISOString(), serverVersion: version[0]!.v, migrations: migrations.map((m) => m.name) }));
    for (const table of await listTables(client)) {
      await write(lines, headerLine({ table: table.name, columns: table.columns }));
      await client.query(`DECLARE backup_rows NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS j FROM "${table.name}" t`);
      let count = 0;
      for (;;) {
        const { rows } = await client.query<{ j: string }>(`FETCH ${FETCH_ROWS} FROM backup_rows`);
        if (rows.length === 0) break;
        // row_to_json escapes line breaks inside values, so one row is always one line.
        await write(lines, rows.map((r) => `${r.j}\n`).join(''));
        count += rows.length;
      }
      await client.query('CLOSE backup_rows');
      await write(lines, headerLine({ end: table.name, rows: count }));
      tables[table.name] = count;
    }
    await write(lines, headerLine({ complete: true, tables }));
    await client.query('COMMIT');
    lines.end();
    await written;
    await rename(partial, file);
    return { file, tables, rows: Object.values(tables).reduce((a, b) => a + b, 0) };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    lines.destroy();
    await written.catch(() => undefined);
    await rm(partial, { force: true });
    throw error;
  } finally {
    client.release();
  }
}

async function write(stream: PassThrough, chunk: string): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}
