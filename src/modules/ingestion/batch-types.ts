// Shapes shared by every kind of ingestion batch (API, file import, demo data).
import type pg from 'pg';
import type { MarkWeights } from '../forecast/index.js';

/** One reason a row was refused. `index` is the row's position in its array (or file). */
export interface RowError {
  index: number;
  field: string;
  reason: string;
  /** For roster batches: which array the row is in (periods, classes, …). */
  section?: string;
  /** For file imports: the line (CSV) or row (XLSX) number in the file. */
  line?: number;
}

export interface BatchCounts {
  accepted: number;
  created: number;
  updated: number;
  unchanged: number;
}

/** What every kind needs to know about the school it writes for. */
export interface SchoolScope {
  id: string;
  markWeights: MarkWeights;
}

/** A connection inside an open transaction. */
export type Tx = pg.PoolClient;

/** A row that passed shape validation, with its position in the batch. */
export interface IndexedRow<Row> {
  index: number;
  row: Row;
}

export interface PreparedRows<Prepared> {
  errors: RowError[];
  /** The rows that may be written (those without errors). */
  rows: Prepared[];
}

/**
 * One kind of batch row. `prepare` resolves references against the database and reports
 * what does not resolve; `write` upserts the prepared rows and records their events.
 */
export interface BatchKind<Row, Prepared> {
  name: string;
  parseRow(input: unknown): { ok: true; row: Row } | { ok: false; issues: Array<{ field: string; reason: string }> };
  /** The key that must be unique within a batch (the externalId, or a composite key). */
  keyOf(row: Row): string;
  keyField: string;
  prepare(tx: Tx, school: SchoolScope, rows: IndexedRow<Row>[]): Promise<PreparedRows<Prepared>>;
  write(tx: Tx, school: SchoolScope, rows: Prepared[]): Promise<Omit<BatchCounts, 'accepted' | 'unchanged'>>;
}

export function emptyCounts(): BatchCounts {
  return { accepted: 0, created: 0, updated: 0, unchanged: 0 };
}
