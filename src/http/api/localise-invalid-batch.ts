// A refused batch told in the caller's language. The e-journal is a program: it keeps
// reading `error` and each row's `code` (and the English `reason` it always had); the
// person who looks at the answer reads `message` in the language of Accept-Language.
// Without that header the messages stay in English, as they always were.
import { translator } from '../../i18n/index.js';
import { requestLanguage } from '../../i18n/request-language.js';
import { AppError } from '../../lib/app-error.js';
import { createTemplateMatcher } from '../../i18n/english-templates.js';
import { localiseReason, localiseRowError } from '../../modules/ingestion/localise-reason.js';
import type { RowError } from '../../modules/ingestion/batch-types.js';

interface BatchDetails {
  rows?: Array<Partial<RowError> & { field: string; reason: string }>;
  invalidRows?: number;
  errorCount?: number;
}

export function localiseInvalidBatch(error: AppError, acceptLanguage: string | undefined): AppError {
  const lang = requestLanguage(acceptLanguage);
  const t = translator(lang ?? 'en');
  const details = (error.details ?? {}) as BatchDetails;
  const rows = (details.rows ?? []).map((row) => localiseRowError(t, row));
  const invalidRows = details.invalidRows ?? 0;
  let message = error.message;
  if (lang && invalidRows > 0) {
    message = t('ingestion:api.invalidRows', {
      rows: t('ingestion:import.invalidRows', { count: invalidRows }),
      errors: t('ingestion:import.errorCount', { count: details.errorCount ?? rows.length }),
    });
  } else if (lang) {
    message = localiseReason(t, error.message);
  }
  return new AppError(error.code, message, details.rows ? { ...details, rows } : error.details);
}

/** The API's other refusals a person may read: the key, the batch size, a busy database. */
const matchApiError = createTemplateMatcher([
  ['apiKeyMissing', 'send the school API key as "Authorization: Bearer <key>"'],
  ['apiKeyInvalid', 'the API key is not valid'],
  ['tooManyRows', 'a batch may hold at most {{max}} rows; this one has {{rows}}: send it in parts'],
  ['databaseUnreachable', 'the database is not reachable; try again later'],
  ['changedMeanwhile', 'the data changed while this batch was written; send it again'],
]);

export const API_ERROR_CODES = ['apiKeyMissing', 'apiKeyInvalid', 'tooManyRows', 'databaseUnreachable', 'changedMeanwhile'] as const;

/** Any error of the API in the caller's language; anything but an AppError passes unchanged. */
export function localiseApiError(error: unknown, acceptLanguage: string | undefined): unknown {
  if (!(error instanceof AppError)) return error;
  if (error.code === 'INVALID_INPUT') return localiseInvalidBatch(error, acceptLanguage);
  const lang = requestLanguage(acceptLanguage);
  const found = lang ? matchApiError(error.message) : undefined;
  if (!lang || !found) return error;
  return new AppError(error.code, translator(lang)(`ingestion:api.errors.${found.code}`, found.params), error.details);
}
