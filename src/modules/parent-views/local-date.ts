import { localDate } from '../../lib/zoned-time.js';

export { addDays } from '../../lib/zoned-time.js';

// Calendar arithmetic in a school's zone. A "day" is a UTC-midnight Date, the way
// Prisma returns `@db.Date` columns, so comparisons with stored dates are exact.

/** Today in `timeZone` as a UTC-midnight Date. */
export function localToday(now: Date, timeZone: string): Date {
  return new Date(`${localDate(now, timeZone)}T00:00:00Z`);
}

/** 'YYYY-MM-DD' of a UTC-midnight Date. */
export function isoDay(day: Date): string {
  return day.toISOString().slice(0, 10);
}
