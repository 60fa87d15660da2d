// Calendar dates as people write them. Calendar dates carry no zone: formatted in UTC so
// the day never shifts.
import type { Lang } from '../../notifications/types.js';

const englishDate = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' });
const englishShort = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short' });

/** 29.09.2026 in Russian, 29 Sept 2026 in English (en-GB). */
export function showDate(date: string | null | undefined, lang: Lang): string {
  if (!date) return '';
  const day = date.slice(0, 10);
  if (lang !== 'ru') return englishDate.format(new Date(`${day}T00:00:00Z`));
  const [y, m, d] = day.split('-');
  return `${d}.${m}.${y}`;
}

/** Without the year, for lists of lessons: 29.09 in Russian, 29 Sept in English. */
export function showShortDate(date: string, lang: Lang): string {
  const day = date.slice(0, 10);
  if (lang !== 'ru') return englishShort.format(new Date(`${day}T00:00:00Z`));
  const [, m, d] = day.split('-');
  return `${d}.${m}`;
}
