// Marks that changed move forecasts: those kept for the touched subjects are recomputed in
// the same transaction, and the early warnings are recorded with the marks themselves.
import { updateStoredForecasts, type ForecastKey } from '../forecast/update-stored-forecasts.js';
import type { Tx } from './batch-types.js';
import { recordEvents } from './record-events.js';

export async function recordForecastRisks(tx: Tx, schoolId: string, touched: readonly ForecastKey[]): Promise<void> {
  if (touched.length === 0) return;
  await recordEvents(tx, await updateStoredForecasts(tx, schoolId, touched));
}
