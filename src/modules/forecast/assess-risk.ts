import type { NumericRisk, PreviousForecast } from './types.js';

/**
 * Early-warning flag for the notification planner: a forecast of 2 (or 1) is
 * failing; otherwise a fall of a whole mark since the last digest is a drop.
 * Failing wins because it is the more urgent message.
 */
export function assessRisk(forecast: number, previousForecast: PreviousForecast | undefined): NumericRisk {
  if (forecast <= 2) return 'failing';
  if (typeof previousForecast === 'number' && forecast <= previousForecast - 1) return 'dropped';
  return null;
}
