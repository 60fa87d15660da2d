// A refused batch told in the caller's language. The e-journal is a program: it keeps
// reading `error` and each row's `code` (and the English `reason` it always had); the
// person who looks at the answer reads `message` in the language of Accept-Language.
// Without that header the messages stay in English, as they always were.
import { isLang, translator, type Lang } from '../../i18n/index.js';
import { AppError } from '../../lib/app-error.js';
import { localiseReason, localiseRowError } from '../../modules/ingestion/localise-reason.js';
import type { RowError } from '../../modules/ingestion/batch-types.js';

/** The first supported language of an Accept-Language header, by its q weights. */
export function requestLanguage(header: string | undefined): Lang | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part, order) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.trim().slice(2) ?? '1');
      return { lang: tag.trim().toLowerCase().split('-')[0], q: Number.isFinite(q) ? q : 0, order };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order);
  return ranked.map((entry) => entry.lang).find(isLang);
}

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
  return new AppError(error.code, message, { ...details, rows });
}
