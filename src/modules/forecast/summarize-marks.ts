import { FAIL_VALUE, NOT_A_MARK, PASS_VALUE, classifyMarkValue } from './classify-mark-value.js';
import { resolveMarkWeight } from './resolve-mark-weight.js';
import type { ForecastMark, MarkWeights } from './types.js';

/** Everything the forecast needs from a subject's marks, gathered in one pass. */
export interface MarkSummary {
  numericCount: number;
  /** Σ value × weight over numeric marks. */
  numericSum: number;
  /** Σ weight over numeric marks. */
  numericWeight: number;
  recentCount: number;
  recentSum: number;
  recentWeight: number;
  /** Kept apart rather than subtracted from the totals, so odd weights cannot leave a ghost remainder. */
  earlierSum: number;
  earlierWeight: number;
  numericUsualWeight: number;
  passCount: number;
  failCount: number;
  passWeight: number;
  failWeight: number;
  passFailUsualWeight: number;
}

/**
 * Counts what a forecast is made of: deleted marks and «н» are skipped,
 * each mark is weighted (journal weight first), and numeric marks dated on or
 * after `recentSinceMs` also go to the "last two weeks" sums for the trend.
 */
export function summarizeMarks(
  marks: readonly ForecastMark[],
  markWeights: MarkWeights,
  recentSinceMs: number,
): MarkSummary {
  let numericCount = 0;
  let numericSum = 0;
  let numericWeight = 0;
  let recentCount = 0;
  let recentSum = 0;
  let recentWeight = 0;
  let earlierSum = 0;
  let earlierWeight = 0;
  let passCount = 0;
  let failCount = 0;
  let passWeight = 0;
  let failWeight = 0;
  const numericTally = new WeightTally();
  const passFailTally = new WeightTally();

  for (let i = 0; i < marks.length; i++) {
    const mark = marks[i]!;
    if (mark.deleted === true) continue;
    const value = classifyMarkValue(mark.value);
    if (value === NOT_A_MARK) continue;
    const explicit = mark.weight;
    // Rows from the database already carry a weight; skip the lookup for them.
    const weight =
      typeof explicit === 'number' && explicit > 0 && explicit !== Infinity
        ? explicit
        : resolveMarkWeight(mark.kind, explicit, markWeights);
    if (value === PASS_VALUE || value === FAIL_VALUE) {
      passFailTally.add(weight);
      if (value === PASS_VALUE) {
        passCount++;
        passWeight += weight;
      } else {
        failCount++;
        failWeight += weight;
      }
      continue;
    }
    numericCount++;
    numericSum += value * weight;
    numericWeight += weight;
    numericTally.add(weight);
    if (mark.date.getTime() >= recentSinceMs) {
      recentCount++;
      recentSum += value * weight;
      recentWeight += weight;
    } else {
      earlierSum += value * weight;
      earlierWeight += weight;
    }
  }

  return {
    numericCount,
    numericSum,
    numericWeight,
    recentCount,
    recentSum,
    recentWeight,
    earlierSum,
    earlierWeight,
    numericUsualWeight: numericTally.mostCommon(),
    passCount,
    failCount,
    passWeight,
    failWeight,
    passFailUsualWeight: passFailTally.mostCommon(),
  };
}

/**
 * Counts distinct weights. A subject has a handful of them, so parallel arrays
 * with a linear scan beat a Map and allocate almost nothing.
 */
class WeightTally {
  private readonly weights: number[] = [];
  private readonly counts: number[] = [];

  add(weight: number): void {
    const { weights, counts } = this;
    for (let i = 0; i < weights.length; i++) {
      if (weights[i] === weight) {
        counts[i]!++;
        return;
      }
    }
    weights.push(weight);
    counts.push(1);
  }

  /** Ties go to the lower weight, which never promises a change too cheaply; 1 when empty. */
  mostCommon(): number {
    let best = 1;
    let bestCount = 0;
    for (let i = 0; i < this.weights.length; i++) {
      const weight = this.weights[i]!;
      const count = this.counts[i]!;
      if (count > bestCount || (count === bestCount && weight < best)) {
        best = weight;
        bestCount = count;
      }
    }
    return best;
  }
}
