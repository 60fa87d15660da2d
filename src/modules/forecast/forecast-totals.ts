// Running totals behind a forecast mark. Ingestion keeps them per student, subject and
// period and adds or takes away each changed mark, so a batch costs what it changed
// rather than every mark of the subject. The mark itself follows the same rules as
// forecastSubject: the minimum of marks, the school's rounding and the pass share.
import { FAIL_VALUE, NOT_A_MARK, PASS_VALUE, classifyMarkValue } from './classify-mark-value.js';
import { MIN_MARKS_FOR_FORECAST } from './constants.js';
import { isPassing } from './marks-needed.js';
import { roundMarkUnchecked } from './round-mark.js';
import type { Grading, PassFail } from './types.js';

/** A forecast reduced to what is kept between batches: the mark, a pass/fail, or null (too few marks). */
export type ForecastValue = 1 | 2 | 3 | 4 | 5 | PassFail | null;

export interface ForecastTotals {
  numericCount: number;
  numericSum: number;
  numericWeight: number;
  passCount: number;
  passWeight: number;
  failCount: number;
  failWeight: number;
}

export function emptyTotals(): ForecastTotals {
  return { numericCount: 0, numericSum: 0, numericWeight: 0, passCount: 0, passWeight: 0, failCount: 0, failWeight: 0 };
}

/** Counts a mark in (`sign` 1) or out (−1); «н» and unknown values count for nothing. */
export function addToTotals(totals: ForecastTotals, value: string, weight: number, sign: 1 | -1): void {
  const v = classifyMarkValue(value);
  if (v === NOT_A_MARK) return;
  if (v === PASS_VALUE) {
    totals.passCount += sign;
    totals.passWeight += sign * weight;
  } else if (v === FAIL_VALUE) {
    totals.failCount += sign;
    totals.failWeight += sign * weight;
  } else {
    totals.numericCount += sign;
    totals.numericSum += sign * v * weight;
    totals.numericWeight += sign * weight;
  }
}

/** The forecast mark of the totals; `threshold` is the school's validated rounding threshold. */
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
