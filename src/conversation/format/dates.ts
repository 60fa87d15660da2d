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

/** A number as parents write it: "4,33" in Russian, "4.33" in English. */
const numberFormats = new Map<string, Intl.NumberFormat>();

export function formatNumber(lang: Lang, value: number, digits = 2): string {
  // Building an Intl formatter costs far more than using one: keep one per language and precision.
  const id = `${lang}|${digits}`;
  let f = numberFormats.get(id);
  if (!f) numberFormats.set(id, (f = new Intl.NumberFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: 0 })));
  return f.format(value);
}
