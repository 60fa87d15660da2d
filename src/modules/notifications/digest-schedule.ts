import { localParts, parseClock, zonedTimeToUtc } from '../../lib/zoned-time.js';

export interface DigestSchedule {
  digestFrequency: 'daily' | 'weekly' | 'biweekly' | 'off';
  /** ISO weekday, 1 = Monday … 7 = Sunday (default Friday). */
  digestWeekday: number;
  /** "HH:MM" local (default 18:00). */
  digestTime: string;
}

const DAY_MS = 86_400_000;

/**
 * The next digest moment strictly after `after`, in the school's zone. Daily digests come
 * every day at their time (the weekday is ignored); every two weeks skips one occurrence
 * after a digest was sent; `off` has none.
 */
export function nextDigestAt(schedule: DigestSchedule, after: Date, timeZone: string, justSent = false): Date | null {
  if (schedule.digestFrequency === 'off') return null;
  const minutes = parseClock(schedule.digestTime) ?? 18 * 60;
  const weekday = schedule.digestWeekday >= 1 && schedule.digestWeekday <= 7 ? schedule.digestWeekday : 5;
  const from = schedule.digestFrequency === 'biweekly' && justSent ? new Date(after.getTime() + 7 * DAY_MS) : after;
  const p = localParts(from, timeZone);
  for (let add = 0; add <= 7; add += 1) {
    if (schedule.digestFrequency !== 'daily' && ((p.weekday - 1 + add) % 7) + 1 !== weekday) continue;
    const day = new Date(Date.UTC(p.year, p.month - 1, p.day + add));
    const at = zonedTimeToUtc(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), Math.floor(minutes / 60), minutes % 60, timeZone);
    if (at > from) return at;
  }
  // Same weekday, earlier time today: a week later.
  const day = new Date(Date.UTC(p.year, p.month - 1, p.day + 7));
  return zonedTimeToUtc(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), Math.floor(minutes / 60), minutes % 60, timeZone);
}

/**
 * nextDigestAt for many guardians of one zone after one moment: the answer depends only on
 * the schedule, so each distinct schedule is worked out once (Intl is slow, and a digest run
 * asks for every guardian of the school).
 */
export function createNextDigestAt(after: Date, timeZone: string): (schedule: DigestSchedule, justSent?: boolean) => Date | null {
  const known = new Map<string, Date | null>();
  return (schedule, justSent = false) => {
    const key = `${schedule.digestFrequency}|${schedule.digestWeekday}|${schedule.digestTime}|${justSent ? 1 : 0}`;
    let at = known.get(key);
    if (at === undefined) known.set(key, (at = nextDigestAt(schedule, after, timeZone, justSent)));
    return at;
  };
}
