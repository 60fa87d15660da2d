// Building blocks of the row schemas. Every string is bounded and well-formed (no NUL,
// control characters or lone surrogates, see src/lib/well-formed-text.ts) because
// PostgreSQL refuses NUL in text, the driver would silently replace a lone surrogate,
// and a long key cannot be indexed: each would otherwise be a server error or lost text.
import { z } from 'zod';
import { describeIllFormed, illFormedReason } from '../../lib/well-formed-text.js';

export function text(max: number) {
  return z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .superRefine((value, ctx) => {
      const found = illFormedReason(value);
      if (found) ctx.addIssue({ code: 'custom', message: describeIllFormed(found) });
    });
}

/** The e-journal's own id of a row; journals send numbers as often as strings. */
export const externalId = z
  .union([z.string(), z.number().int().nonnegative()], 'must be a string or a whole number')
  .transform((value) => String(value).trim())
  .pipe(text(200));

export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1900 || year > 2200) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A calendar date, 'YYYY-MM-DD'. */
export const calendarDate = z
  .string('must be a date YYYY-MM-DD')
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine(isCalendarDate, 'is not a real calendar date');

export const MARK_VALUES = ['1', '2', '3', '4', '5', 'н', 'зач', 'незач'] as const;
export type MarkValue = (typeof MARK_VALUES)[number];

const MARK_VALUE_SET = new Set<string>(MARK_VALUES);

/** Journals differ in case and spacing ("Зач", " 5") and send 1–5 as numbers too. */
export function normaliseMarkValue(value: unknown): MarkValue | undefined {
  const clean = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim().toLowerCase() : undefined;
  return clean !== undefined && MARK_VALUE_SET.has(clean) ? (clean as MarkValue) : undefined;
}

function markValueSchema(allowed: readonly string[]) {
  const message = `must be one of ${allowed.join(', ')}`;
  return z
    .union([z.string(), z.number()], message)
    .meta({ description: message })
    .transform((value, ctx) => {
      const clean = normaliseMarkValue(value);
      if (clean === undefined || !allowed.includes(clean)) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      return clean;
    });
}

/** A journal mark: 1–5, «н» (absent), «зач» / «незач». */
export const markValue = markValueSchema(MARK_VALUES);

/** A final or exam mark: an absence is not a final mark. */
export const finalMarkValue = markValueSchema(MARK_VALUES.filter((v) => v !== 'н'));

export const optionalText = (max: number) => text(max).optional().nullable();

/** Errors name fields the way the caller spelled them: "classExternalIds.2". */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.map((part) => String(part)).join('.');
}

export type RowParse<Row> = { ok: true; row: Row } | { ok: false; issues: Array<{ field: string; reason: string }> };

export function rowParser<S extends z.ZodType>(schema: S): (input: unknown) => RowParse<z.output<S>> {
  return (input) => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      return { ok: false, issues: [{ field: '', reason: 'must be an object' }] };
    }
    const parsed = schema.safeParse(input);
    if (parsed.success) return { ok: true, row: parsed.data };
    const issues = parsed.error.issues.map((issue) => ({
      field: issuePath(issue.path),
      reason: issue.code !== 'custom' && isMissing(input, issue.path) ? 'is required' : issue.message,
    }));
    return { ok: false, issues };
  };
}

function isMissing(input: unknown, path: readonly PropertyKey[]): boolean {
  let current: unknown = input;
  for (const part of path) {
    if (typeof current !== 'object' || current === null) return false;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return path.length > 0 && (current === undefined || current === null);
}
