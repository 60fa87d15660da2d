// The forecast mark of running totals, by the same rules as forecastSubject: the minimum
// of marks, the school's rounding and the pass share.
import type { ForecastTotals } from './add-to-totals.js';
import { MIN_MARKS_FOR_FORECAST } from './constants.js';
import { isPassing } from './marks-needed.js';
import { roundMarkUnchecked } from './round-mark.js';
import type { Grading, PassFail } from './types.js';

/** A forecast reduced to what is kept between batches: the mark, a pass/fail, or null (too few marks). */
export type ForecastValue = 1 | 2 | 3 | 4 | 5 | PassFail | null;

export function forecastFromTotals(totals: ForecastTotals, threshold: number, grading?: Grading): ForecastValue {
  const passFailCount = totals.passCount + totals.failCount;
  // As in forecastSubject: without a setting, pass/fail only when there are no numeric marks.
  const kind = grading ?? (totals.numericCount === 0 && passFailCount > 0 ? 'pass_fail' : 'numeric');
  if (kind === 'pass_fail') {
    if (passFailCount < MIN_MARKS_FOR_FORECAST) return null;
    return isPassing(totals.passWeight, totals.failWeight) ? 'pass' : 'fail';
  }
  if (totals.numericCount < MIN_MARKS_FOR_FORECAST || !(totals.numericWeight > 0)) return null;
  return roundMarkUnchecked(totals.numericSum / totals.numericWeight, threshold) as 1 | 2 | 3 | 4 | 5;
}
