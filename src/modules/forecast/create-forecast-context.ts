import { TREND_WINDOW_DAYS } from './constants.js';
import { assertRoundingThreshold } from './round-mark.js';
import type { ForecastRules, ForecastTime } from './types.js';
import { localParts } from '../../lib/zoned-time.js';

const DAY_MS = 86_400_000;

/** Per-call facts shared by every subject: validated rules and the local calendar. */
export interface ForecastContext {
  readonly rules: ForecastRules;
  /** Today in the school's zone, as a UTC-midnight timestamp like the marks' dates. */
  readonly todayMs: number;
  /** First day of "the last two weeks" (UTC-midnight timestamp). */
  readonly recentSinceMs: number;
  /** True once today is past the period's last day: no lessons are left to change anything. */
  readonly periodOver: boolean;
}

/**
 * Prepares what every subject of a student (or a whole school) shares, so
 * batch callers validate settings and resolve the time zone once.
 */
export function createForecastContext(time: ForecastTime): ForecastContext {
  assertRoundingThreshold(time.rules.roundingThreshold);
  const todayMs = localDayMs(time.now, time.timeZone);
  return {
    rules: time.rules,
    todayMs,
    recentSinceMs: todayMs - (TREND_WINDOW_DAYS - 1) * DAY_MS,
    periodOver: todayMs > time.periodEndsOn.getTime(),
  };
}

/** The calendar day of `now` in `timeZone`, as the UTC midnight the database uses for dates. */
function localDayMs(now: Date, timeZone: string | undefined): number {
  if (Number.isNaN(now.getTime())) throw new RangeError('now must be a valid Date');
  if (timeZone === undefined || timeZone === 'UTC') {
    return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  }
  const { year, month, day } = localParts(now, timeZone);
  return Date.UTC(year, month - 1, day);
}
