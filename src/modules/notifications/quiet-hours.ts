import { localParts, parseClock, zonedTimeToUtc } from '../../lib/zoned-time.js';

/**
 * When the guardian's quiet hours (local "HH:MM" from–to, possibly across midnight)
 * cover `at`, the instant they end; otherwise undefined.
 */
export function quietHoursEnd(at: Date, quietFrom: string | null | undefined, quietTo: string | null | undefined, timeZone: string): Date | undefined {
  const from = parseClock(quietFrom);
  const to = parseClock(quietTo);
  if (from === undefined || to === undefined || from === to) return undefined;
  const p = localParts(at, timeZone);
  const now = p.hour * 60 + p.minute;
  const inside = from < to ? now >= from && now < to : now >= from || now < to;
  if (!inside) return undefined;
  // The end is today when it is still ahead on the clock, else tomorrow.
  const dayOffset = now < to ? 0 : 1;
  const base = new Date(Date.UTC(p.year, p.month - 1, p.day + dayOffset));
  return zonedTimeToUtc(base.getUTCFullYear(), base.getUTCMonth() + 1, base.getUTCDate(), Math.floor(to / 60), to % 60, timeZone);
}
