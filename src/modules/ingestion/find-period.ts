import type { PeriodSpan } from '../periods/find-period.js';
import type { Tx } from './batch-types.js';

export { findPeriod, type PeriodSpan } from '../periods/find-period.js';

/** Every period of the school, for findPeriod to place each mark of a batch. */
export async function loadPeriods(tx: Tx, schoolId: string): Promise<PeriodSpan[]> {
  const { rows } = await tx.query<PeriodSpan>(
    `SELECT id, "startsOn"::text AS "startsOn", "endsOn"::text AS "endsOn" FROM academic_periods WHERE "schoolId" = $1`,
    [schoolId],
  );
  return rows;
}
