import { AVERAGE_EPSILON, PASS_SHARE } from './constants.js';
import { roundMarkUnchecked } from './round-mark.js';

/** Weighted totals of the marks so far: Σ value × weight and Σ weight. */
export interface WeightedTotals {
  readonly sum: number;
  readonly weight: number;
}

/**
 * Walks from an algebraic estimate to the exact answer. The estimate is off by
 * at most one because of floating point; checking with the very rounding the
 * forecast uses guarantees "k marks reach it, k − 1 do not".
 */
function settle(estimate: number, holds: (count: number) => boolean): number {
  // A non-finite estimate (no marks yet) still settles, just from zero.
  let count = Number.isFinite(estimate) && estimate > 0 ? estimate : 0;
  while (!holds(count)) count++;
  while (count > 0 && holds(count - 1)) count--;
  return count;
}

function averageWith(totals: WeightedTotals, value: number, weight: number, count: number): number {
  return (totals.sum + count * value * weight) / (totals.weight + count * weight);
}

/**
 * Fewest marks of `value` at `weight` after which the forecast is at least
 * `target`; null when such marks can never get there (4s never lift a 4 to a 5
 * with the 4.5 threshold: the average only approaches 4).
 */
export function marksToReach(
  totals: WeightedTotals,
  value: number,
  weight: number,
  target: number,
  threshold: number,
): number | null {
  const boundary = target - 1 + threshold;
  if (value <= boundary + AVERAGE_EPSILON) {
    // The average tends to `value` and only reaches `boundary` if it already has.
    return roundMarkUnchecked(totals.sum / totals.weight, threshold) >= target ? 0 : null;
  }
  const estimate = Math.ceil((boundary * totals.weight - totals.sum) / (weight * (value - boundary)));
  return settle(estimate, (count) => roundMarkUnchecked(averageWith(totals, value, weight, count), threshold) >= target);
}

/**
 * Fewest marks of `value` at `weight` after which the forecast falls below
 * `current`; null when they cannot (2s never bring a 2 down to a 1).
 */
export function marksToDrop(
  totals: WeightedTotals,
  value: number,
  weight: number,
  current: number,
  threshold: number,
): number | null {
  if (roundMarkUnchecked(value, threshold) >= current) return null;
  const boundary = current - 1 + threshold;
  const estimate = Math.floor((totals.sum - boundary * totals.weight) / (weight * (boundary - value))) + 1;
  return settle(estimate, (count) => roundMarkUnchecked(averageWith(totals, value, weight, count), threshold) < current);
}

/** Whether pass/fail marks forecast a pass: at least `PASS_SHARE` of their weight is «зач». */
export function isPassing(passWeight: number, failWeight: number): boolean {
  return passWeight >= PASS_SHARE * (passWeight + failWeight) - AVERAGE_EPSILON;
}

/** Fewest «зач» at `weight` that turn the pass/fail forecast into a pass. */
export function passesToPass(passWeight: number, failWeight: number, weight: number): number {
  const total = passWeight + failWeight;
  const estimate = Math.ceil((PASS_SHARE * total - passWeight) / (weight * (1 - PASS_SHARE)));
  return settle(estimate, (count) => isPassing(passWeight + count * weight, failWeight));
}
