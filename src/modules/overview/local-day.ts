import { addDays, localDate, zonedTimeToUtc } from '../../lib/zoned-time.js';

/** The instant a calendar day ('YYYY-MM-DD') begins in the school's zone. */
export function localDayStart(date: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return zonedTimeToUtc(y, m, d, 0, 0, timeZone);
}

/** Today in the school's zone and the instants it starts and ends, so "today" means the school's day. */
export function schoolToday(now: Date, timeZone: string): { date: string; from: Date; to: Date } {
  const date = localDate(now, timeZone);
  return { date, from: localDayStart(date, timeZone), to: localDayStart(addDays(date, 1), timeZone) };
}
