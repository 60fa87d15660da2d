// A row error in a person's language: the CLI's import report and the API's `message`.
import type { Translate } from '../../i18n/index.js';
import type { RowError } from './batch-types.js';
import { reasonCode } from './reason-codes.js';

/** Codes whose texts count something ("at most 200 characters"): they take plural forms. */
const COUNTED: Record<string, string> = { tooLong: 'max', tooManyItems: 'max' };

export function localiseReason(t: Translate, reason: string): string {
  const found = reasonCode(reason);
  if (!found) return reason;
  const counted = COUNTED[found.code];
  const count = counted ? { count: Number(found.params[counted]) } : {};
  return t(`ingestion:reason.${found.code}`, { ...found.params, ...count });
}

export interface LocalisedRowError extends Partial<RowError> {
  field: string;
  reason: string;
  /** Stable, for programs: the same in every language. */
  code?: string;
  /** The reason in the reader's language. */
  message: string;
}

/** Adds the machine code and the human message; `reason` stays the English sentence. */
export function localiseRowError<E extends Partial<RowError> & { field: string; reason: string }>(t: Translate, error: E): E & LocalisedRowError {
  const found = reasonCode(error.reason);
  return { ...error, ...(found ? { code: found.code } : {}), message: localiseReason(t, error.reason) };
}
