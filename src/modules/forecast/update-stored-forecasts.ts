// Keeps each subject's forecast per student and period (subject_forecasts) in step with the
// marks, inside the transaction that wrote them, and says which changes need an early
// warning. Only the student × subject × period triples a batch touched are recomputed.
import type pg from 'pg';
import type { NewDomainEvent } from '../events/event-types.js';
import { assessForecastChange } from './assess-forecast-change.js';
import { forecastValue, type ForecastValue } from './forecast-value.js';
import { readSchoolRules } from './read-school-rules.js';
import type { ForecastMark } from './types.js';

export interface ForecastKey {
  studentId: string;
  subjectId: string;
  periodId: string;
}

type Tx = Pick<pg.PoolClient, 'query'>;

const keyOf = (k: ForecastKey) => `${k.studentId}:${k.periodId}:${k.subjectId}`;

const KEYS = `unnest($2::uuid[], $3::uuid[], $4::uuid[]) AS k("studentId", "periodId", "subjectId")`;

// Rows are locked before the marks are read: a concurrent batch for the same student then
// waits, and its own read (a new snapshot in READ COMMITTED) sees these marks once they
// are committed, so the kept forecast always reflects every committed mark.
const LOCK = `
  INSERT INTO subject_forecasts ("schoolId", "studentId", "periodId", "subjectId", "updatedAt")
  SELECT $1::uuid, k."studentId", k."periodId", k."subjectId", now() FROM ${KEYS} ORDER BY 2, 3, 4
  ON CONFLICT DO NOTHING`;

const CURRENT = `
  SELECT f."studentId", f."periodId", f."subjectId", f.forecast, f."alertedForecast", st."classId", s.name AS "subjectName"
    FROM subject_forecasts f JOIN ${KEYS} USING ("studentId", "periodId", "subjectId")
    JOIN students st ON st.id = f."studentId" JOIN subjects s ON s.id = f."subjectId"
   WHERE f."schoolId" = $1::uuid
   ORDER BY f."studentId", f."periodId", f."subjectId"
   FOR UPDATE OF f`;

// Grouped by value and weight: a subject's forecast mark depends on nothing else, and a
// term's worth of marks comes back as a handful of rows instead of one per mark.
const MARKS = `
  SELECT m."studentId", m."periodId", m."subjectId", m.value, m.weight, count(*)::int AS n
    FROM marks m JOIN ${KEYS} USING ("studentId", "periodId", "subjectId")
   WHERE m."schoolId" = $1::uuid AND NOT m.deleted
   GROUP BY 1, 2, 3, 4, 5`;

// The forecast mark does not look at dates; one is needed to make a mark.
const ANY_DAY = new Date(0);

const UPDATE = `
  UPDATE subject_forecasts f SET forecast = u.forecast, "alertedForecast" = u.alerted, "updatedAt" = now()
    FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[]) AS u("studentId", "periodId", "subjectId", forecast, alerted)
   WHERE f."schoolId" = $1::uuid AND f."studentId" = u."studentId" AND f."periodId" = u."periodId" AND f."subjectId" = u."subjectId"
     AND (f.forecast, f."alertedForecast") IS DISTINCT FROM (u.forecast, u.alerted)`;

/** Recomputes the given forecasts, stores them, and returns the forecast_risk events to record. */
export async function updateStoredForecasts(tx: Tx, schoolId: string, touched: readonly ForecastKey[]): Promise<NewDomainEvent<'forecast_risk'>[]> {
  const keys = [...new Map(touched.map((k) => [keyOf(k), k])).values()].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));
  if (keys.length === 0) return [];
  const params = [schoolId, keys.map((k) => k.studentId), keys.map((k) => k.periodId), keys.map((k) => k.subjectId)];
  const { rows: school } = await tx.query<{ roundingThreshold: number; markWeights: unknown }>(
    'SELECT "roundingThreshold", "markWeights" FROM schools WHERE id = $1',
    [schoolId],
  );
  const rules = readSchoolRules(school[0] ?? {});
  await tx.query(LOCK, params);
  const { rows: stored } = await tx.query<ForecastKey & { forecast: string | null; alertedForecast: string | null; classId: string; subjectName: string }>(
    CURRENT,
    params,
  );
  const { rows: groups } = await tx.query<ForecastKey & { value: string; weight: number; n: number }>(MARKS, params);
  const marksByKey = new Map<string, ForecastMark[]>();
  for (const g of groups) {
    const entry: ForecastMark = { value: g.value, weight: g.weight, date: ANY_DAY };
    let list = marksByKey.get(keyOf(g));
    if (!list) marksByKey.set(keyOf(g), (list = []));
    for (let i = 0; i < g.n; i++) list.push(entry);
  }
  const events: NewDomainEvent<'forecast_risk'>[] = [];
  const updates: Array<ForecastKey & { forecast: string | null; alerted: string | null }> = [];
  for (const row of stored) {
    const previous = parseValue(row.forecast);
    const current = forecastValue(rules, marksByKey.get(keyOf(row)) ?? []);
    let alerted = parseValue(row.alertedForecast);
    const change = assessForecastChange(previous, current, alerted);
    if (change && current !== null && current !== 'pass') {
      alerted = change.alerted;
      events.push({
        schoolId,
        type: 'forecast_risk',
        studentId: row.studentId,
        classId: row.classId,
        payload: {
          subjectId: row.subjectId,
          subjectName: row.subjectName,
          periodId: row.periodId,
          forecast: current,
          previousForecast: previous === 'fail' ? null : previous,
          risk: change.risk,
        },
      });
    }
    updates.push({ ...row, forecast: formatValue(current), alerted: formatValue(alerted) });
  }
  await tx.query(UPDATE, [
    schoolId,
    updates.map((u) => u.studentId),
    updates.map((u) => u.periodId),
    updates.map((u) => u.subjectId),
    updates.map((u) => u.forecast),
    updates.map((u) => u.alerted),
  ]);
  return events;
}

function parseValue(text: string | null): ForecastValue {
  if (text === 'pass' || text === 'fail') return text;
  const n = Number(text);
  return text !== null && Number.isInteger(n) && n >= 1 && n <= 5 ? (n as 1 | 2 | 3 | 4 | 5) : null;
}

const formatValue = (value: ForecastValue): string | null => (value === null ? null : String(value));
