// Entry point of the API and the demo: one body, one transaction. Any invalid row
// rolls everything back and is reported with all the others.
import type pg from 'pg';
import { AppError } from '../../lib/app-error.js';
import type { BatchCounts, RowError, SchoolScope, Tx } from './batch-types.js';
import { emptyCounts } from './batch-types.js';
import { BATCH_DEFINITIONS, type BatchName } from './batch-definitions.js';
import { loadSchoolScope } from './load-school-scope.js';
import { runBatch } from './run-batch.js';
import { withTransaction } from './with-transaction.js';

/** A body-level problem (missing array, wrong type): no row index applies. */
export interface BodyError {
  field: string;
  reason: string;
}

export function invalidBatch(errors: Array<RowError | BodyError>, total?: number): AppError {
  const rows = total ?? errors.filter((e) => 'index' in e).length;
  const message = rows > 0 ? `${rows === 1 ? '1 row is' : `${rows} rows are`} invalid; nothing was written` : 'the body is invalid; nothing was written';
  return new AppError('INVALID_INPUT', message, total === undefined ? { rows: errors } : { rows: errors, total });
}

export async function ingestBatch(pool: pg.Pool, schoolId: string, name: BatchName, body: unknown): Promise<BatchCounts> {
  return withTransaction(pool, async (tx) => {
    const school = await loadSchoolScope(tx, schoolId);
    return ingestBatchIn(tx, school, name, body);
  });
}

/** The same inside a transaction the caller owns (the demo writes several batches in one). */
export async function ingestBatchIn(tx: Tx, school: SchoolScope, name: BatchName, body: unknown): Promise<BatchCounts> {
  const definition = BATCH_DEFINITIONS[name];
  const keys = definition.sections.map((s) => s.key);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalidBatch([{ field: '', reason: `the body must be a JSON object with ${keys.map((k) => `"${k}"`).join(', ')}` }]);
  }
  const record = body as Record<string, unknown>;
  const bodyErrors: BodyError[] = [];
  for (const key of keys) {
    const value = record[key];
    if (value === undefined && definition.sectionsOptional) continue;
    if (!Array.isArray(value)) bodyErrors.push({ field: key, reason: value === undefined ? 'is required' : 'must be an array' });
  }
  if (bodyErrors.length > 0) throw invalidBatch(bodyErrors);

  const total = emptyCounts();
  const errors: RowError[] = [];
  const multi = definition.sections.length > 1;
  for (const section of definition.sections) {
    const items = record[section.key] as unknown[] | undefined;
    if (!items) continue;
    const rows = section.toRow ? items.map(section.toRow) : items;
    const outcome = await runBatch(tx, school, section.kind, rows, { writeValidRows: multi });
    for (const error of outcome.errors) errors.push(multi ? { section: section.key, ...error } : error);
    total.accepted += outcome.counts.accepted;
    total.created += outcome.counts.created;
    total.updated += outcome.counts.updated;
    total.unchanged += outcome.counts.unchanged;
  }
  if (errors.length > 0) throw invalidBatch(errors);
  return total;
}
