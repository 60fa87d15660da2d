// Running totals behind a forecast mark. Ingestion keeps them per student, subject and
// period and adds or takes away each changed mark, so a batch costs what it changed
// rather than every mark of the subject.
import { FAIL_VALUE, NOT_A_MARK, PASS_VALUE, classifyMarkValue } from './classify-mark-value.js';

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
