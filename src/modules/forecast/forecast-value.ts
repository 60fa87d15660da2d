import type { ForecastContext } from './create-forecast-context.js';
import { forecastSubjectWith } from './forecast-subject.js';
import { assertRoundingThreshold } from './round-mark.js';
import type { ForecastMark, ForecastRules, Grading, PassFail } from './types.js';

/** A forecast reduced to what is kept between batches: the mark, a pass/fail, or null (too few marks). */
export type ForecastValue = 1 | 2 | 3 | 4 | 5 | PassFail | null;

/**
 * The forecast mark alone. It depends on the marks and the school's rules but not on the
 * moment (only what could still change it does), so ingestion can keep it without a clock.
 */
export function forecastValue(rules: ForecastRules, marks: readonly ForecastMark[], grading?: Grading): ForecastValue {
  assertRoundingThreshold(rules.roundingThreshold);
  // No day is "recent" and the period is open: the trend and the outlook are not needed here.
  const context: ForecastContext = { rules, todayMs: 0, recentSinceMs: Number.POSITIVE_INFINITY, periodOver: false };
  const f = forecastSubjectWith(context, { marks, grading });
  if (f.kind === 'insufficient') return null;
  if (f.kind === 'pass_fail') return f.forecast;
  return f.forecast as 1 | 2 | 3 | 4 | 5;
}
