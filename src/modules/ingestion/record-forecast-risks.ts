// Marks that changed move forecasts: those kept for their subjects are updated in
// the same transaction, and the early warnings are recorded with the marks themselves.
import { updateStoredForecasts, type MarkChange } from '../forecast/update-stored-forecasts.js';
import type { Tx } from './batch-types.js';
import { recordEvents } from './record-events.js';

export async function recordForecastRisks(tx: Tx, schoolId: string, changes: readonly MarkChange[]): Promise<void> {
  if (changes.length === 0) return;
  await recordEvents(tx, await updateStoredForecasts(tx, schoolId, changes));
}
