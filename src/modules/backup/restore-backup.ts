// Restores a backup into an empty database: the project's migrations make the schema,
// then every table's rows go in, parents first, in one transaction, so a damaged or
// truncated file leaves the database as empty as it was.
import type pg from 'pg';
import { applyMigrations } from '../../db/migrate.js';
import { AppError } from '../../lib/app-error.js';
import type { Logger } from '../../lib/logger.js';
import { DEFAULT_BOT_IDS } from '../bots/default-bots.js';
import { BACKUP_FORMAT, type FileHeader, type TableHeader } from './backup-format.js';
import { findSchoolIdSources, type SchoolIdSource } from './find-school-id-sources.js';
import { listTables, type TableInfo } from './list-tables.js';
import { readBackupLines } from './read-backup-lines.js';

const INSERT_ROWS = 1000;
/** Filled by the migrations themselves. */
const MIGRATION_TABLE = '_prisma_migrations';
/** Rows a migration writes (the default bots): not data, and replaced by the backup's own. */
const SEEDED: Readonly<Record<string, readonly string[]>> = { bots: Object.values(DEFAULT_BOT_IDS) };

export interface RestoreResult {
  tables: Record<string, number>;
  rows: number;
  /** Tables in the backup that this version does not have (e.g. Agenda's, recreated at start). */
  skipped: string[];
}

/** Whether any table holds data: restore refuses such a database unless forced. */
export async function isDatabaseEmpty(pool: pg.Pool): Promise<boolean> {
  for (const table of await listTables(pool)) {
    if (table.name === MIGRATION_TABLE) continue;
    const seeded = SEEDED[table.name];
    const { rows } = seeded
      ? await pool.query(`SELECT 1 FROM "${table.name}" WHERE NOT (id = ANY($1::uuid[])) LIMIT 1`, [seeded])
      : await pool.query(`SELECT 1 FROM "${table.name}" LIMIT 1`);
    if (rows.length > 0) return false;
  }
  return true;
}

export async function restoreBackup(pool: pg.Pool, file: string, options: { force?: boolean; logger: Logger }): Promise<RestoreResult> {
  const lines = readBackupLines(file);
  const first = await lines.next();
  const header = first.done || first.value.kind !== 'header' ? undefined : (first.value.value as Partial<FileHeader>);
  if (header?.format !== BACKUP_FORMAT) throw new AppError('INVALID_INPUT', `${file} is not a Vestnik backup`, { reason: 'not-a-backup' });
  if (!(await isDatabaseEmpty(pool))) {
    if (!options.force) throw new AppError('CONFLICT', 'the database is not empty: restore refuses to overwrite it without --force', { reason: 'not-empty' });
    await pool.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
  }
  const { applied, alreadyApplied } = await applyMigrations(pool, options.logger);
  const known = new Set((await pool.query<{ name: string }>(`SELECT migration_name AS name FROM "${MIGRATION_TABLE}"`)).rows.map((r) => r.name));
  const newer = (header.migrations ?? []).filter((name) => !known.has(name));
  if (newer.length > 0) throw new AppError('CONFLICT', `the backup comes from a newer version of Vestnik (migrations ${newer.join(', ')}): update first`, { reason: 'newer', migrations: newer });
  options.logger.debug({ applied: applied.length, alreadyApplied }, 'schema ready for restore');

  const tables = new Map((await listTables(pool)).map((t) => [t.name, t]));
  const schoolIdSources = await findSchoolIdSources(pool);
  const client = await pool.connect();
  const counts: Record<string, number> = {};
  const skipped: string[] = [];
  let complete = false;
  try {
    await client.query('BEGIN');
    let current: { info: TableInfo | undefined; columns: string[]; schoolIdFrom?: SchoolIdSource; batch: string[] } | undefined;
    const flush = async () => {
      if (!current?.info || current.batch.length === 0) return;
      await insertRows(client, current.info.name, current.columns, current.batch, current.schoolIdFrom);
      counts[current.info.name] = (counts[current.info.name] ?? 0) + current.batch.length;
      current.batch = [];
    };
    for await (const line of lines) {
      if (line.kind === 'row') {
        if (!current) throw new AppError('INVALID_INPUT', `${file} is damaged: a row outside any table`, { reason: 'damaged' });
        if (!current.info) continue;
        current.batch.push(line.text);
        if (current.batch.length >= INSERT_ROWS) await flush();
        continue;
      }
      const value = line.value;
      if (typeof value.table === 'string') {
        const table = value as unknown as TableHeader;
        const info = table.table === MIGRATION_TABLE ? undefined : tables.get(table.table);
        // The backup has these rows too (a backup without the table keeps the migration's).
        if (info && SEEDED[info.name]) await client.query(`DELETE FROM "${info.name}" WHERE id = ANY($1::uuid[])`, [SEEDED[info.name]]);
        if (!info && table.table !== MIGRATION_TABLE) skipped.push(table.table);
        // Only the columns both sides have: a backup from an older version leaves newer columns to their defaults.
        const columns = info ? table.columns.filter((c) => info.columns.includes(c)) : [];
        // A backup from before the table carried schoolId: each row takes its parent's school.
        const schoolIdFrom = info?.columns.includes('schoolId') && !columns.includes('schoolId') ? schoolIdSources.get(info.name) : undefined;
        current = { info, columns, schoolIdFrom, batch: [] };
      } else if (typeof value.end === 'string') {
        await flush();
        current = undefined;
      } else if (value.complete === true) {
        complete = true;
      }
    }
    if (!complete) throw new AppError('INVALID_INPUT', `${file} is incomplete: the backup was cut short`, { reason: 'damaged' });
    for (const info of tables.values()) await resetSequences(client, info);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  return { tables: counts, rows: Object.values(counts).reduce((a, b) => a + b, 0), skipped };
}

async function insertRows(client: pg.PoolClient, table: string, columns: string[], rows: string[], schoolIdFrom?: SchoolIdSource): Promise<void> {
  const list = columns.map((c) => `"${c}"`).join(', ');
  const values = columns.map((c) => `r."${c}"`).join(', ');
  const [into, select] = schoolIdFrom
    ? [`${list}, "schoolId"`, `${values}, (SELECT p."schoolId" FROM "${schoolIdFrom.parent}" p WHERE p."${schoolIdFrom.parentColumn}" = r."${schoolIdFrom.column}")`]
    : [list, values];
  await client.query(`INSERT INTO "${table}" (${into}) SELECT ${select} FROM json_populate_recordset(NULL::"${table}", $1::json) r`, [`[${rows.join(',')}]`]);
}

/** Autoincrement ids continue after the highest restored one. */
async function resetSequences(client: pg.PoolClient, info: TableInfo): Promise<void> {
  for (const column of info.serialColumns) {
    await client.query(
      `SELECT setval(pg_get_serial_sequence($1, $2), COALESCE((SELECT max("${column}") FROM "${info.name}"), 0) + 1, false)`,
      [`"${info.name}"`, column],
    );
  }
}
