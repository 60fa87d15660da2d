// An announcement's refusal in the reader's language: every refusal the validation throws
// carries the field and reason, which name a text in locales/<lang>/announcements.json.
import type { Translate } from '../../i18n/index.js';
import { AppError } from '../../lib/app-error.js';

export function describeAnnouncementError(t: Translate, error: unknown): string | undefined {
  if (!(error instanceof AppError)) return undefined;
  const details = (error.details ?? {}) as Record<string, unknown>;
  const field = typeof details.field === 'string' ? details.field : undefined;
  const reason = typeof details.reason === 'string' ? details.reason : undefined;
  if (!field || !reason) return undefined;
  const key = `announcements:error.${field}.${reason}`;
  const limitMb = typeof details.limitBytes === 'number' ? Math.round(details.limitBytes / 1024 / 1024) : undefined;
  const text = t(key, { ...details, ...(limitMb ? { limitMb } : {}) });
  return text === key ? undefined : text;
}
