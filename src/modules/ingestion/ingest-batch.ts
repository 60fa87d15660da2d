// Entry point of the API and the demo: one body, one transaction. Any invalid row
// rolls everything back and is reported with the others (the first hundred of them).
import type pg from 'pg';
import { AppError } from '../../lib/app-error.js';
import type { BatchCounts, RowError, SchoolScope, Tx } from './batch-types.js';
import { emptyCounts } from './batch-types.js';
import { BATCH_DEFINITIONS, type BatchName, type BatchSection } from './batch-definitions.js';
import { MAX_BATCH_ROWS } from './batch-limits.js';
import { invalidBatch, type BodyError } from './invalid-batch.js';
import { loadSchoolScope } from './load-school-scope.js';
import { parseRows, type ParsedRows } from './parse-rows.js';
import { writeParsedRows } from './run-batch.js';
import { withTransaction } from './with-transaction.js';

interface ParsedSection {
  section: BatchSection;
  accepted: number;
  parsed: ParsedRows<unknown>;
}

/**
 * An e-journal's batch: at most MAX_BATCH_ROWS rows, counted before any is looked at.
 * Rows are checked before a database connection is taken, so a batch of bad rows costs
 * the database nothing; the rest happens in one transaction.
 */
export async function ingestBatch(
  pool: pg.Pool,
  schoolId: string,
  name: BatchName,
  body: unknown,
  options: { school?: SchoolScope } = {},
): Promise<BatchCounts> {
  const { sections, multi } = sectionsOf(name, body);
  const rows = sections.reduce((sum, s) => sum + s.items.length, 0);
  if (rows > MAX_BATCH_ROWS) throw tooManyRows(rows);
  const parsed = await parseSections(sections);
  // Nothing left to look up: answer without taking a connection.
  if (parsed.every((p) => p.parsed.valid.length === 0) && parsed.some((p) => p.parsed.errors.length > 0)) {
    throw invalidBatch(parsed.flatMap((p) => (multi ? p.parsed.errors.map((e) => ({ section: p.section.key, ...e })) : p.parsed.errors)));
  }
  // A scope the caller already read (with the API key) saves a round trip; it names the same school.
  const known = options.school?.id === schoolId ? options.school : undefined;
  return withTransaction(pool, async (tx) => writeSections(tx, known ?? (await loadSchoolScope(tx, schoolId)), parsed, multi));
}

export function tooManyRows(rowCount: number): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', `a batch may hold at most ${MAX_BATCH_ROWS} rows; this one has ${rowCount}: send it in parts`, {
    maxRows: MAX_BATCH_ROWS,
    rowCount,
  });
}

/** The same inside a transaction the caller owns (the demo writes several batches in one). */
export async function ingestBatchIn(tx: Tx, school: SchoolScope, name: BatchName, body: unknown): Promise<BatchCounts> {
  const { sections, multi } = sectionsOf(name, body);
  return writeSections(tx, school, await parseSections(sections), multi);
}

interface BodySections {
  sections: Array<{ section: BatchSection; items: unknown[] }>;
  /** A roster: errors name their array, and valid rows are written for later sections to find. */
  multi: boolean;
}

function sectionsOf(name: BatchName, body: unknown): BodySections {
  const definition = BATCH_DEFINITIONS[name];
  const keys = definition.sections.map((s) => s.key);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalidBatch([{ field: '', reason: `the body must be a JSON object with ${keys.map((k) => `"${k}"`).join(', ')}` }]);
  }
  const record = body as Record<string, unknown>;
  const bodyErrors: BodyError[] = [];
  const sections: Array<{ section: BatchSection; items: unknown[] }> = [];
  for (const section of definition.sections) {
    const value = record[section.key];
    if (value === undefined && definition.sectionsOptional) continue;
    if (Array.isArray(value)) sections.push({ section, items: value });
    else bodyErrors.push({ field: section.key, reason: value === undefined ? 'is required' : 'must be an array' });
  }
  if (bodyErrors.length > 0) throw invalidBatch(bodyErrors);
  return { sections, multi: definition.sections.length > 1 };
}

async function parseSections(sections: BodySections['sections']): Promise<ParsedSection[]> {
  const parsed: ParsedSection[] = [];
  for (const { section, items } of sections) {
    const rows = section.toRow ? items.map(section.toRow) : items;
    parsed.push({ section, accepted: rows.length, parsed: await parseRows(section.kind, rows) });
  }
  return parsed;
}

async function writeSections(tx: Tx, school: SchoolScope, sections: ParsedSection[], multi: boolean): Promise<BatchCounts> {
  const total = emptyCounts();
  const errors: RowError[] = [];
  for (const { section, accepted, parsed } of sections) {
    const outcome = await writeParsedRows(tx, school, section.kind, parsed, accepted, { writeValidRows: multi });
    for (const error of outcome.errors) errors.push(multi ? { section: section.key, ...error } : error);
    total.accepted += outcome.counts.accepted;
    total.created += outcome.counts.created;
    total.updated += outcome.counts.updated;
    total.unchanged += outcome.counts.unchanged;
  }
  if (errors.length > 0) throw invalidBatch(errors);
  return total;
}
