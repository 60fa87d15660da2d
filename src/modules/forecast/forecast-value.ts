import { addToTotals, emptyTotals } from './add-to-totals.js';
import { forecastFromTotals, type ForecastValue } from './forecast-from-totals.js';
import { resolveMarkWeight } from './resolve-mark-weight.js';
import { assertRoundingThreshold } from './round-mark.js';
import type { ForecastMark, ForecastRules, Grading } from './types.js';

export type { ForecastValue } from './forecast-from-totals.js';

/**
 * The forecast mark alone. It depends on the marks and the school's rules but not on the
 * moment (only what could still change it does), so ingestion can keep it without a clock.
 */
export function forecastValue(rules: ForecastRules, marks: readonly ForecastMark[], grading?: Grading): ForecastValue {
  assertRoundingThreshold(rules.roundingThreshold);
  const totals = emptyTotals();
  for (const mark of marks) {
    if (mark.deleted === true) continue;
    addToTotals(totals, mark.value, resolveMarkWeight(mark.kind, mark.weight, rules.markWeights), 1);
  }
  return forecastFromTotals(totals, rules.roundingThreshold, grading);
}
