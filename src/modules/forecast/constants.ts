import type { MarkWeights } from './types.js';

/** Same as the `School.markWeights` column default, so a school without settings behaves like a new one. */
export const DEFAULT_MARK_WEIGHTS: MarkWeights = Object.freeze({
  test: 3,
  control: 3,
  independent: 2,
  practical: 2,
  homework: 1,
  answer: 1,
  other: 1,
});

/** Same as the `School.roundingThreshold` column default: 4.5 → 5, 3.5 → 4, 2.5 → 3. */
export const DEFAULT_ROUNDING_THRESHOLD = 0.5;

/** Issue R6 rule: with fewer marks a number would mislead more than inform. */
export const MIN_MARKS_FOR_FORECAST = 3;

/** A pass/fail subject forecasts a pass while at least this weighted share of its marks are «зач». */
export const PASS_SHARE = 0.5;

/** "The last two weeks" of the trend, counted in the school's local days including today. */
export const TREND_WINDOW_DAYS = 14;

/**
 * Averages closer than this are reported as a flat trend: one mark among the
 * usual dozen moves an average by about 0.1, which is noise, not a trend.
 */
export const TREND_FLAT_BAND = 0.2;

/**
 * Tolerance for comparing averages with rounding thresholds. Sums of marks are
 * exact, but a division such as 46/10 lands a hair below 4.6; a real average
 * built from journal marks is never this close to a threshold without being on it.
 */
export const AVERAGE_EPSILON = 1e-9;

/** i18next key (namespace `forecast`) of the note every forecast must be shown with. */
export const FORECAST_NOTE_KEY = 'forecast:note';
