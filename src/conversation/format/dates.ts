import type { Lang } from '../../i18n/index.js';

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(lang: Lang, key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `${lang}|${key}|${options.timeZone ?? ''}`;
  let f = cache.get(id);
  if (!f) cache.set(id, (f = new Intl.DateTimeFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', options)));
  return f;
}

/** A calendar date ('YYYY-MM-DD'): "пн, 14 октября". Calendar dates carry no zone to convert. */
export function formatDay(lang: Lang, day: string, withWeekday = true): string {
  const options: Intl.DateTimeFormatOptions = { timeZone: 'UTC', day: 'numeric', month: 'long', ...(withWeekday ? { weekday: 'short' } : {}) };
  return formatter(lang, withWeekday ? 'dw' : 'd', options).format(new Date(`${day}T00:00:00Z`));
}

/** A short calendar date: "14.10". */
export function formatShortDay(lang: Lang, day: string): string {
  return formatter(lang, 'short', { timeZone: 'UTC', day: '2-digit', month: '2-digit' }).format(new Date(`${day}T00:00:00Z`));
}

/** An instant in the school's zone: "14 октября, 18:05". */
export function formatInstant(lang: Lang, instant: Date, timeZone: string): string {
  return formatter(lang, 'instant', { timeZone, day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' }).format(instant);
}

/** Shared with the digests, email and paper: one format everywhere. */
export { formatNumber } from '../../lib/format-number.js';
