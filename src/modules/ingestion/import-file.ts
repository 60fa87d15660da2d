// `vestnik import`: a file of one kind, validated and written in one transaction, so
// any invalid row leaves the database as it was. Rows go through the API's batch code
// in chunks; errors carry the file's line numbers.
import type pg from 'pg';
import type { BatchCounts, RowError } from './batch-types.js';
import { emptyCounts } from './batch-types.js';
import { convertCell, IMPORT_LAYOUTS, type ImportKind } from './import-layouts.js';
import { MAX_REPORTED_ERRORS } from './batch-limits.js';
import { invalidBatch, type BodyError } from './invalid-batch.js';
import { loadSchoolScope } from './load-school-scope.js';
import { openTableFile, type ReadTableOptions, type TableRow } from './read-table-file.js';
import { runBatch } from './run-batch.js';
import { withTransaction } from './with-transaction.js';

const CHUNK_ROWS = 5000;

export interface ImportOptions extends ReadTableOptions {
  dryRun?: boolean;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

export interface ImportResult extends BatchCounts {
  format: 'csv' | 'xlsx';
  encoding?: string;
  delimiter?: string;
  dryRun: boolean;
}

export async function importFile(pool: pg.Pool, schoolId: string, kindName: ImportKind, file: string, options: ImportOptions = {}): Promise<ImportResult> {
  const layout = IMPORT_LAYOUTS[kindName];
  const table = await openTableFile(file, options);
  const iterator = table.rows[Symbol.asyncIterator]();
  const header = await iterator.next();
  if (header.done) throw invalidBatch([{ field: '', reason: 'the file is empty: the first line must name the columns' }]);
  const columns = mapHeader(header.value, layout.columns);

  return withTransaction(pool, async (tx) => {
    const school = await loadSchoolScope(tx, schoolId);
    const totals = emptyCounts();
    const seen = new Map<string, number>();
    const errors: RowError[] = [];
    let errorCount = 0;
    let invalidRows = 0;
    let chunk: unknown[] = [];
    let lines: number[] = [];
    let lineErrors: RowError[] = [];
    let index = 0;

    const flush = async () => {
      if (chunk.length === 0) return;
      const base = index - chunk.length;
      // Once any row failed nothing will be kept: validate the rest without writing it.
      const failedBefore = errorCount > 0 || lineErrors.length > 0;
      const outcome = await runBatch(tx, school, layout.kind, chunk, { baseIndex: base, seen, dryRun: options.dryRun || failedBefore });
      const found = [...lineErrors, ...outcome.errors].sort((a, b) => a.index - b.index);
      errorCount += found.length;
      invalidRows += new Set(found.map((e) => e.index)).size;
      for (const error of found) {
        if (errors.length < MAX_REPORTED_ERRORS) errors.push({ ...error, line: lines[error.index - base] });
      }
      lineErrors = [];
      totals.accepted += outcome.counts.accepted;
      totals.created += outcome.counts.created;
      totals.updated += outcome.counts.updated;
      totals.unchanged += outcome.counts.unchanged;
      chunk = [];
      lines = [];
      options.onProgress?.(table.bytesRead(), table.totalBytes);
    };

    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      const extra = extraCells(next.value, header.value, table.format);
      // An unquoted delimiter inside a text splits it: the rest must not vanish unseen.
      if (extra) lineErrors.push({ index, field: '', reason: extra });
      chunk.push(toRow(next.value, columns));
      lines.push(next.value.line);
      index += 1;
      if (chunk.length >= CHUNK_ROWS) await flush();
    }
    await flush();
    options.onProgress?.(table.totalBytes, table.totalBytes);
    if (errorCount > 0) throw invalidBatch(errors, { invalidRows, errorCount });
    const result: ImportResult = { ...totals, format: table.format, encoding: table.encoding, delimiter: table.delimiter, dryRun: Boolean(options.dryRun) };
    if (options.dryRun) {
      // Nothing of a dry run may stay: roll back through the error path, keeping the counts.
      throw new DryRunDone(result);
    }
    return result;
  }, { attempts: 1 }).catch((error: unknown) => {
    if (error instanceof DryRunDone) return error.result;
    throw error;
  });
}

class DryRunDone extends Error {
  constructor(readonly result: ImportResult) {
    super('dry run');
  }
}

interface MappedColumn {
  position: number;
  name: string;
  type: (typeof IMPORT_LAYOUTS)[ImportKind]['columns'][number]['type'];
}

function mapHeader(header: TableRow, specs: ReadonlyArray<{ name: string; type: MappedColumn['type']; required?: boolean }>): MappedColumn[] {
  const positions = new Map(header.cells.map((cell, position) => [cell.trim().toLowerCase(), position]));
  const errors: BodyError[] = [];
  const columns: MappedColumn[] = [];
  for (const spec of specs) {
    const position = positions.get(spec.name.toLowerCase());
    if (position === undefined) {
      if (spec.required) errors.push({ field: spec.name, reason: `the header line has no "${spec.name}" column` });
      continue;
    }
    columns.push({ position, name: spec.name, type: spec.type });
  }
  if (errors.length > 0) throw invalidBatch(errors);
  return columns;
}

/**
 * A line with more fields than the header has (a CSV field with an unquoted delimiter
 * in it). XLSX sheets often carry empty formatted cells past the last column: only a
 * value there counts.
 */
function extraCells(row: TableRow, header: TableRow, format: 'csv' | 'xlsx'): string | undefined {
  const extra = row.cells.slice(header.cells.length);
  if (format === 'xlsx') {
    const past = extra.findIndex((cell) => cell.trim() !== '');
    return past < 0 ? undefined : `has a value in column ${header.cells.length + past + 1}, past the ${header.cells.length} columns of the header`;
  }
  if (extra.length === 0) return undefined;
  return `has ${row.cells.length} fields but the header has ${header.cells.length}; quote a field that contains the delimiter`;
}

function toRow(row: TableRow, columns: MappedColumn[]): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const column of columns) {
    const value = convertCell(column.type, row.cells[column.position] ?? '');
    if (value !== undefined) result[column.name] = value;
  }
  return result;
}
