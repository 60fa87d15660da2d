import { AppError } from '../../lib/app-error.js';

export function cleanEmail(value: string | undefined): string | null {
  const email = value?.trim();
  if (!email) return null;
  // Deliberately loose: the confirmation link is the real check that the address works.
  if (!/^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/.test(email) || email.length > 254) {
    throw new AppError('INVALID_INPUT', `"${email}" is not an email address`, { field: 'email' });
  }
  return email.toLowerCase();
}

export function cleanPhone(value: string | undefined): string | null {
  const phone = value?.trim();
  if (!phone) return null;
  const digits = phone.replace(/\D/g, '');
  if (!/^\+?[\d\s()-]+$/.test(phone) || digits.length < 5 || digits.length > 15) {
    throw new AppError('INVALID_INPUT', `"${phone}" is not a phone number`, { field: 'phone' });
  }
  return phone.replace(/\s+/g, ' ');
}

export function cleanName(value: string | undefined): string | null {
  const name = value?.trim().replace(/\s+/g, ' ');
  if (!name) return null;
  if (name.length > 200) throw new AppError('INVALID_INPUT', 'the guardian name is longer than 200 characters', { field: 'guardianName' });
  return name;
}

/** A calendar date 'YYYY-MM-DD' as a UTC-midnight Date, the way Prisma stores `date`. */
export function parseDocumentDate(value: string | undefined, now: Date): Date | null {
  if (!value?.trim()) return null;
  const text = value.trim();
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  if (!date || date.toISOString().slice(0, 10) !== text) {
    throw new AppError('INVALID_INPUT', `--document-date must be a date like 2025-09-01, got "${text}"`, { field: 'documentDate' });
  }
  if (date.getTime() > now.getTime() + 36 * 3600 * 1000) {
    throw new AppError('INVALID_INPUT', `the document date ${text} is in the future`, { field: 'documentDate' });
  }
  return date;
}
