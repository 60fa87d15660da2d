import { AppError } from '../../lib/app-error.js';
import type { RowError } from './batch-types.js';
import { MAX_REPORTED_ERRORS } from './batch-limits.js';

/** A body-level problem (missing array, wrong type): no row index applies. */
export interface BodyError {
  field: string;
  reason: string;
}

export interface ErrorTotals {
  /** Rows with at least one error. */
  invalidRows: number;
  /** Errors in all, of rows and of the body. */
  errorCount: number;
}

/** Rows are told apart by their array (roster sections) and their position in it. */
export function countInvalidRows(errors: ReadonlyArray<RowError | BodyError>): number {
  const rows = new Set<string>();
  for (const error of errors) if ('index' in error) rows.add(`${error.section ?? ''}\u0000${error.index}`);
  return rows.size;
}

/**
 * The 422 of a batch that wrote nothing: the first MAX_REPORTED_ERRORS errors, and how
 * many rows and errors there were. Callers that saw more errors than they kept pass totals.
 */
export function invalidBatch(errors: ReadonlyArray<RowError | BodyError>, totals?: ErrorTotals): AppError {
  const { invalidRows, errorCount } = totals ?? { invalidRows: countInvalidRows(errors), errorCount: errors.length };
  const errorsText = errorCount === 1 ? '1 error' : `${errorCount} errors`;
  const message =
    invalidRows > 0
      ? `${invalidRows === 1 ? '1 row is' : `${invalidRows} rows are`} invalid (${errorsText}); nothing was written`
      : 'the body is invalid; nothing was written';
  return new AppError('INVALID_INPUT', message, { rows: errors.slice(0, MAX_REPORTED_ERRORS), invalidRows, errorCount });
}
