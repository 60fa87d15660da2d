// Marks are the bulk of the traffic (a school sends tens of thousands a day), and
// schema validation per row costs more than writing it. This checks the common,
// well-formed row directly; anything unusual goes to the zod schema, which
// gives the same result and the precise error messages.
import { isWellFormedText } from '../../lib/well-formed-text.js';
import { isCalendarDate, MARK_VALUES, rowParser, type RowParse } from './field-schemas.js';
import { markRow, type MarkRow } from './row-schemas.js';

const parseWithSchema = rowParser(markRow);
const VALUES = new Set<string>(MARK_VALUES);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function cleanText(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed.length >= 1 && trimmed.length <= max && isWellFormedText(trimmed) ? trimmed : undefined;
}

/** undefined: absent; null: explicit null; false: not handled here. */
function optionalText(value: unknown, max: number): string | null | undefined | false {
  if (value === undefined || value === null) return value;
  return cleanText(value, max) ?? false;
}

function fastParse(input: Record<string, unknown>): MarkRow | undefined {
  const externalId = cleanText(input.externalId, 200);
  const studentExternalId = cleanText(input.studentExternalId, 200);
  const subjectExternalId = cleanText(input.subjectExternalId, 200);
  const { date, value, weight } = input;
  if (!externalId || !studentExternalId || !subjectExternalId) return undefined;
  if (typeof date !== 'string' || !DATE.test(date) || !isCalendarDate(date)) return undefined;
  if (typeof value !== 'string' || !VALUES.has(value)) return undefined;
  if (weight !== undefined && weight !== null && !(typeof weight === 'number' && Number.isFinite(weight) && weight > 0 && weight <= 100)) return undefined;
  const kind = optionalText(input.kind, 50);
  const comment = optionalText(input.comment, 2000);
  if (kind === false || comment === false) return undefined;
  const row: MarkRow = { externalId, studentExternalId, subjectExternalId, date, value: value as MarkRow['value'] };
  if (weight !== undefined) row.weight = weight as number | null;
  if (kind !== undefined) row.kind = kind;
  if (comment !== undefined) row.comment = comment;
  return row;
}

export function parseMarkRow(input: unknown): RowParse<MarkRow> {
  if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
    const row = fastParse(input as Record<string, unknown>);
    if (row) return { ok: true, row };
  }
  return parseWithSchema(input);
}
