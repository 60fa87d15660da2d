import type { ForecastValue } from './forecast-from-totals.js';

export interface ForecastChange {
  readonly risk: 'failing' | 'dropped';
  /** What to keep as the lowest forecast alerted in the period. */
  readonly alerted: ForecastValue;
}

const isFailing = (v: ForecastValue) => v === 'fail' || (typeof v === 'number' && v <= 2);

/**
 * Whether a new forecast deserves an early warning against the one kept before it.
 * Failing (2 or lower, or a fail) is told when the subject was not failing before; a fall
 * by a whole mark is told otherwise. Either only when it is lower than every forecast
 * already alerted in the period: an average hovering at a rounding threshold (4.50 → 4.49
 * → 4.50 …) would otherwise warn the family at every flip.
 */
export function assessForecastChange(previous: ForecastValue, current: ForecastValue, alerted: ForecastValue): ForecastChange | null {
  if (current === null || current === 'pass') return null;
  if (current === 'fail') {
    return isFailing(previous) || alerted === 'fail' ? null : { risk: 'failing', alerted: 'fail' };
  }
  if (typeof alerted === 'number' && current >= alerted) return null;
  if (isFailing(current)) {
    // A further fall within failing (2 → 1) is still news; staying at 2 is not.
    if (typeof previous === 'number' && previous <= current) return null;
    return { risk: 'failing', alerted: current };
  }
  if (typeof previous === 'number' && current <= previous - 1) return { risk: 'dropped', alerted: current };
  return null;
}
