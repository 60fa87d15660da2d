import type { Database } from '../../db/open-database.js';
import { AppError } from '../../lib/app-error.js';
import { RETENTION_RULES, type RetentionTable } from './retention-rules.js';
import { isUuid } from '../../lib/uuid.js';

export interface RetentionOptions {
  /** The moment periods count back from. */
  now?: Date;
  /** Only this school's rows; rows of no school are then left for a run over all schools. */
  schoolId?: string;
  /** Count what would be deleted, delete nothing. */
  dryRun?: boolean;
  /** Rows per DELETE, so a first run over years of data never holds one huge lock. */
  batchSize?: number;
}

export interface RetentionResult {
  dryRun: boolean;
  schoolId: string | null;
  now: string;
  /** Rows deleted (or, in a dry run, that would be); tables a school run skips are absent. */
  tables: Partial<Record<RetentionTable, number>>;
}


/** Deletes every row past its retention period (retention-rules.ts), table by table. */
export async function runRetention(db: Pick<Database, 'pool'>, options: RetentionOptions = {}): Promise<RetentionResult> {
  const { pool } = db;
  const now = options.now ?? new Date();
  const dryRun = options.dryRun ?? false;
  const batchSize = options.batchSize ?? 10_000;
  const schoolId = options.schoolId === undefined ? null : await existingSchool(pool, options.schoolId);
  const tables: RetentionResult['tables'] = {};
  for (const rule of RETENTION_RULES) {
    if (rule.global && schoolId) continue;
    const params = [now.toISOString(), schoolId];
    if (dryRun) {
      const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${rule.select}) AS due`, params);
      tables[rule.table] = rows[0]?.n ?? 0;
      continue;
    }
    let deleted = 0;
    for (;;) {
      const result = await pool.query(`DELETE FROM ${rule.table} WHERE ${rule.key} IN (${rule.select} LIMIT ${batchSize})`, params);
      deleted += result.rowCount ?? 0;
      if ((result.rowCount ?? 0) < batchSize) break;
    }
    tables[rule.table] = deleted;
  }
  return { dryRun, schoolId, now: now.toISOString(), tables };
}

async function existingSchool(pool: Database['pool'], schoolId: string): Promise<string> {
  if (!isUuid(schoolId)) throw new AppError('NOT_FOUND', `unknown school "${schoolId}"`, { field: 'school' });
  const { rowCount } = await pool.query('SELECT 1 FROM schools WHERE id = $1', [schoolId]);
  if (!rowCount) throw new AppError('NOT_FOUND', `unknown school "${schoolId}"`, { field: 'school' });
  return schoolId.toLowerCase();
}
