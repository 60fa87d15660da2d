import { MIN_MARKS_FOR_FORECAST } from './constants.js';
import { assessRisk } from './assess-risk.js';
import { detectTrend } from './detect-trend.js';
import { marksToDrop, marksToReach } from './marks-needed.js';
import { roundMarkUnchecked } from './round-mark.js';
import type { MarkSummary } from './summarize-marks.js';
import type { InsufficientForecast, NumericForecast, PreviousForecast, ToDrop, ToNext } from './types.js';

/** Lessons left in the period (null: unknown) and whether that count is an estimate. */
export interface LessonsLeft {
  readonly remainingLessons: number | null;
  readonly remainingLessonsEstimated: boolean;
}

/** Numeric forecast from a subject's summarized marks; the threshold is already validated. */
export function forecastNumeric(
  summary: MarkSummary,
  threshold: number,
  lessons: LessonsLeft,
  previousForecast: PreviousForecast | undefined,
): NumericForecast | InsufficientForecast {
  const { remainingLessons } = lessons;
  const marksCount = summary.numericCount;
  if (marksCount < MIN_MARKS_FOR_FORECAST) {
    return { kind: 'insufficient', marksCount, marksRequired: MIN_MARKS_FOR_FORECAST };
  }
  const totals = { sum: summary.numericSum, weight: summary.numericWeight };
  const average = totals.sum / totals.weight;
  const forecast = roundMarkUnchecked(average, threshold);
  const usualWeight = summary.numericUsualWeight;

  let toNext: ToNext | null = null;
  if (forecast < 5) {
    const target = forecast + 1;
    const fives = marksToReach(totals, 5, usualWeight, target, threshold);
    const fours = marksToReach(totals, 4, usualWeight, target, threshold);
    // 5s are always the fastest way up; 4s are told too because they are what many children get.
    const fewest = fives ?? fours;
    const reachable = fewest !== null && (remainingLessons === null || fewest <= remainingLessons);
    toNext = { target, fives, fours, reachable };
  }

  const twos = marksToDrop(totals, 2, usualWeight, forecast, threshold);
  // More 2s than lessons left cannot happen: saying how many would only alarm.
  const toDrop: ToDrop | null = twos === null || (remainingLessons !== null && twos > remainingLessons) ? null : { target: forecast - 1, twos };

  return {
    kind: 'numeric',
    average,
    // Cut, not rounded: 4.496 shown as "4.50" next to a forecast of 4 would look like an error.
    averageShown: Math.floor(average * 100 + 1e-6) / 100,
    forecast,
    marksCount,
    usualWeight,
    ...lessons,
    toNext,
    toDrop,
    trend: detectTrend(summary),
    risk: assessRisk(forecast, previousForecast),
  };
}
