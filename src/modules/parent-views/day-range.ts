import { addDays, localToday } from './local-date.js';

export type DayRange = 'today' | 'tomorrow' | 'week';
export const DAY_RANGES: readonly DayRange[] = ['today', 'tomorrow', 'week'];

/** First and last day (inclusive) of a range as the school's calendar sees it; "week" is today and the six days after. */
export function dayRange(range: DayRange, now: Date, timeZone: string): { from: Date; to: Date } {
  const today = localToday(now, timeZone);
  if (range === 'today') return { from: today, to: today };
  if (range === 'tomorrow') return { from: addDays(today, 1), to: addDays(today, 1) };
  return { from: today, to: addDays(today, 6) };
}
