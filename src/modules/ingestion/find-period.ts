import type { Tx } from './batch-types.js';

export interface PeriodSpan {
  id: string;
  startsOn: string;
  endsOn: string;
}

export async function loadPeriods(tx: Tx, schoolId: string): Promise<PeriodSpan[]> {
  const { rows } = await tx.query<PeriodSpan>(
    `SELECT id, "startsOn", "endsOn" FROM academic_periods WHERE "schoolId" = $1
     ORDER BY ("endsOn" - "startsOn"), "startsOn"`,
    [schoolId],
  );
  return rows;
}

/**
 * The period a date belongs to. Periods nest (quarters inside the year): the shortest
 * one wins, because the forecast and final marks are per quarter / trimester first.
 * `periods` must be sorted by length, as loadPeriods returns them; dates are 'YYYY-MM-DD'.
 */
export function findPeriod(periods: readonly PeriodSpan[], date: string): PeriodSpan | undefined {
  for (const period of periods) {
    if (period.startsOn <= date && date <= period.endsOn) return period;
  }
  return undefined;
}
