import { AVERAGE_EPSILON } from './constants.js';

/** Throws when a threshold is not a fraction in (0, 1]; 1 means "never round up". */
export function assertRoundingThreshold(threshold: number): void {
  if (!Number.isFinite(threshold) || threshold <= 0 || threshold > 1) {
    throw new RangeError(
      `roundingThreshold must be a fraction in (0, 1], e.g. 0.5 for 4.5 → 5 or 0.6 for 4.6 → 5; got ${threshold}`,
    );
  }
}

/**
 * Rounds a weighted average to a mark by the school's threshold: with 0.6,
 * 4.6 → 5 and 4.59 → 4. The result stays within 1..5.
 */
export function roundMark(average: number, threshold: number): number {
  assertRoundingThreshold(threshold);
  if (!Number.isFinite(average)) throw new RangeError(`average must be a finite number; got ${average}`);
  return roundMarkUnchecked(average, threshold);
}

/** Hot-path variant for callers that validated the threshold once per school. */
export function roundMarkUnchecked(average: number, threshold: number): number {
  const whole = Math.floor(average);
  const mark = average - whole >= threshold - AVERAGE_EPSILON ? whole + 1 : whole;
  return mark < 1 ? 1 : mark > 5 ? 5 : mark;
}
