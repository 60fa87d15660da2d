// Calendar arithmetic in a school's zone. A "day" is a UTC-midnight Date, the way
// Prisma returns `@db.Date` columns, so comparisons with stored dates are exact.
const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function dayFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Today in `timeZone` as a UTC-midnight Date. */
export function localToday(now: Date, timeZone: string): Date {
  return new Date(`${dayFormatter(timeZone).format(now)}T00:00:00Z`);
}

export function addDays(day: Date, days: number): Date {
  return new Date(day.getTime() + days * DAY_MS);
}

/** 'YYYY-MM-DD' of a UTC-midnight Date. */
export function isoDay(day: Date): string {
  return day.toISOString().slice(0, 10);
}
