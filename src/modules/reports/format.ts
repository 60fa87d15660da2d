import type { Lang } from '../../i18n/index.js';

const LOCALE_TAG: Record<Lang, string> = { ru: 'ru-RU', en: 'en-GB' };

/** An instant in the school's time zone, as people there read it. */
export function formatInstant(value: Date | string | null | undefined, timeZone: string, lang: Lang): string {
  if (!value) return '';
  const date = typeof value === 'string' ? new Date(value) : value;
  return new Intl.DateTimeFormat(LOCALE_TAG[lang], { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(date);
}

/** A calendar date ('YYYY-MM-DD' or a UTC-midnight Date) without any zone shift. */
export function formatDate(value: Date | string | null | undefined, lang: Lang): string {
  if (!value) return '';
  const iso = typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
  const [y, m, d] = iso.split('-');
  return lang === 'ru' ? `${d}.${m}.${y}` : `${d}/${m}/${y}`;
}

export { localDate } from '../../lib/zoned-time.js';

/** Mondays of the ISO weeks that touch [from, to] (both 'YYYY-MM-DD'). */
export function weeksBetween(from: string, to: string): string[] {
  if (to < from) return [];
  const start = new Date(`${from}T00:00:00Z`);
  start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7));
  const weeks: string[] = [];
  for (const d = start; d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + 7)) weeks.push(d.toISOString().slice(0, 10));
  return weeks;
}
