import { AVERAGE_EPSILON, TREND_FLAT_BAND } from './constants.js';
import type { MarkSummary } from './summarize-marks.js';
import type { Trend } from './types.js';

/**
 * Compares the last two weeks with the rest of the period. Null when either
 * side has no marks: a trend needs something on both sides to compare.
 */
export function detectTrend(summary: MarkSummary): Trend | null {
  if (summary.recentCount === 0 || summary.recentCount === summary.numericCount) return null;
  const recentAverage = summary.recentSum / summary.recentWeight;
  const earlierAverage = summary.earlierSum / summary.earlierWeight;
  const difference = recentAverage - earlierAverage;
  const direction =
    difference >= TREND_FLAT_BAND - AVERAGE_EPSILON
      ? 'up'
      : difference <= -TREND_FLAT_BAND + AVERAGE_EPSILON
        ? 'down'
        : 'flat';
  return { recentAverage, earlierAverage, direction };
}
