// Validates and writes one array of rows of one kind inside the caller's transaction.
// It never throws for bad rows: it returns every row error so the caller decides.
import type { BatchCounts, BatchKind, RowError, SchoolScope, Tx } from './batch-types.js';
import { parseRows, type ParsedRows, type ParseRowsOptions } from './parse-rows.js';

export interface RunBatchOptions extends ParseRowsOptions {
  /**
   * Write the valid rows even when some rows are invalid. Roster sections need it: a
   * student may name a class sent in the same batch. The caller rolls everything back.
   */
  writeValidRows?: boolean;
  /** Validate only (an import's --dry-run, or once an earlier chunk failed). */
  dryRun?: boolean;
}

export interface BatchOutcome {
  errors: RowError[];
  counts: BatchCounts;
}

export async function runBatch<Row, Prepared>(
  tx: Tx,
  school: SchoolScope,
  kind: BatchKind<Row, Prepared>,
  inputs: readonly unknown[],
  options: RunBatchOptions = {},
): Promise<BatchOutcome> {
  const parsed = await parseRows(kind, inputs, options);
  return writeParsedRows(tx, school, kind, parsed, inputs.length, options);
}

/** The database half of runBatch, for rows parsed before the transaction began. */
export async function writeParsedRows<Row, Prepared>(
  tx: Tx,
  school: SchoolScope,
  kind: BatchKind<Row, Prepared>,
  parsed: ParsedRows<Row>,
  accepted: number,
  options: Pick<RunBatchOptions, 'writeValidRows' | 'dryRun'> = {},
): Promise<BatchOutcome> {
  const errors = [...parsed.errors];
  const prepared = await kind.prepare(tx, school, parsed.valid);
  errors.push(...prepared.errors);
  const counts: BatchCounts = { accepted, created: 0, updated: 0, unchanged: 0 };
  if (!options.dryRun && (errors.length === 0 || options.writeValidRows)) {
    const written = await kind.write(tx, school, prepared.rows);
    counts.created = written.created;
    counts.updated = written.updated;
  }
  counts.unchanged = counts.accepted - counts.created - counts.updated;
  errors.sort((a, b) => a.index - b.index);
  return { errors, counts };
}
