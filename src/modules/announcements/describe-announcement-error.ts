// An announcement's refusal in the reader's language: every refusal the validation throws
// carries the field and reason, which name a text in locales/<lang>/announcements.json.
import type { Translate } from '../../i18n/index.js';
import type { Lang } from '../../i18n/index.js';
import { AppError } from '../../lib/app-error.js';
import { formatInstant } from '../reports/format.js';

/** `when`: the school's zone and the reader's language, for the time a next reminder may go. */
export function describeAnnouncementError(t: Translate, error: unknown, when: { timeZone: string; lang: Lang } = { timeZone: 'Europe/Moscow', lang: 'ru' }): string | undefined {
  if (!(error instanceof AppError)) return undefined;
  const details = (error.details ?? {}) as Record<string, unknown>;
  const field = typeof details.field === 'string' ? details.field : undefined;
  const reason = typeof details.reason === 'string' ? details.reason : undefined;
  if (!field || !reason) return undefined;
  const key = `announcements:error.${field}.${reason}`;
  const limitMb = typeof details.limitBytes === 'number' ? Math.round(details.limitBytes / 1024 / 1024) : undefined;
  const at = typeof details.nextAt === 'string' ? formatInstant(details.nextAt, when.timeZone, when.lang) : undefined;
  const text = t(key, { ...details, ...(limitMb ? { limitMb } : {}), ...(at ? { at } : {}) });
  return text === key ? undefined : text;
}
