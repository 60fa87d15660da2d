// The shape check of a batch's rows, before any database work: each row against its
// kind's schema, and the batch's keys for duplicates. It yields to the event loop every
// ROWS_PER_TURN rows, so a batch of the maximum size full of bad rows cannot stall the
// service for everyone else.
import type { BatchKind, IndexedRow, RowError } from './batch-types.js';
import { ROWS_PER_TURN } from './batch-limits.js';

export interface ParseRowsOptions {
  /** Index of the first row, for files processed in chunks. */
  baseIndex?: number;
  /** Keys seen in earlier chunks of the same file: duplicates across chunks are errors too. */
  seen?: Map<string, number>;
}

export interface ParsedRows<Row> {
  errors: RowError[];
  /**
   * The rows that passed, in the order of their key. Every writer then locks the same
   * rows in the same order, so concurrent batches with overlapping rows wait for each
   * other instead of deadlocking.
   */
  valid: IndexedRow<Row>[];
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function parseRows<Row>(kind: BatchKind<Row, unknown>, inputs: readonly unknown[], options: ParseRowsOptions = {}): Promise<ParsedRows<Row>> {
  const base = options.baseIndex ?? 0;
  const seen = options.seen ?? new Map<string, number>();
  const errors: RowError[] = [];
  const keyed: Array<{ key: string; row: IndexedRow<Row> }> = [];
  for (let offset = 0; offset < inputs.length; offset += 1) {
    if (offset > 0 && offset % ROWS_PER_TURN === 0) await nextTurn();
    const index = base + offset;
    const parsed = kind.parseRow(inputs[offset]);
    if (!parsed.ok) {
      for (const issue of parsed.issues) errors.push({ index, field: issue.field, reason: issue.reason });
      continue;
    }
    const key = kind.keyOf(parsed.row);
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({ index, field: kind.keyField, reason: `duplicate of row ${first} in the same batch` });
      continue;
    }
    seen.set(key, index);
    keyed.push({ key, row: { index, row: parsed.row } });
  }
  // Code-unit order, the same in every process (no locale involved).
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { errors, valid: keyed.map((k) => k.row) };
}
