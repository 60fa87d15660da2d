// Validates and writes one array of rows of one kind inside the caller's transaction.
// It never throws for bad rows: it returns every row error so the caller decides.
import type { BatchCounts, BatchKind, IndexedRow, RowError, SchoolScope, Tx } from './batch-types.js';

export interface RunBatchOptions {
  /** Index of the first row, for files processed in chunks. */
  baseIndex?: number;
  /** Keys seen in earlier chunks of the same file: duplicates across chunks are errors too. */
  seen?: Map<string, number>;
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
  const base = options.baseIndex ?? 0;
  const seen = options.seen ?? new Map<string, number>();
  const errors: RowError[] = [];
  const valid: IndexedRow<Row>[] = [];
  inputs.forEach((input, offset) => {
    const index = base + offset;
    const parsed = kind.parseRow(input);
    if (!parsed.ok) {
      for (const issue of parsed.issues) errors.push({ index, field: issue.field, reason: issue.reason });
      return;
    }
    const key = kind.keyOf(parsed.row);
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({ index, field: kind.keyField, reason: `duplicate of row ${first} in the same batch` });
      return;
    }
    seen.set(key, index);
    valid.push({ index, row: parsed.row });
  });

  const prepared = await kind.prepare(tx, school, valid);
  errors.push(...prepared.errors);
  const counts: BatchCounts = { accepted: inputs.length, created: 0, updated: 0, unchanged: 0 };
  if (!options.dryRun && (errors.length === 0 || options.writeValidRows)) {
    const written = await kind.write(tx, school, prepared.rows);
    counts.created = written.created;
    counts.updated = written.updated;
  }
  counts.unchanged = counts.accepted - counts.created - counts.updated;
  errors.sort((a, b) => a.index - b.index);
  return { errors, counts };
}
