// Keeps each subject's forecast per student and period (subject_forecasts) in step with the
// marks, inside the transaction that wrote them, and says which changes need an early
// warning. A kept forecast carries the totals of its marks, so a batch changes it by the
// marks it wrote; a subject seen for the first time is counted once from its marks.
import type pg from 'pg';
import type { NewDomainEvent } from '../events/event-types.js';
import { assessForecastChange } from './assess-forecast-change.js';
import { addToTotals, emptyTotals, forecastFromTotals, type ForecastTotals, type ForecastValue } from './forecast-totals.js';
import { readSchoolRules } from './read-school-rules.js';
import { resolveMarkWeight } from './resolve-mark-weight.js';

export interface ForecastKey {
  studentId: string;
  subjectId: string;
  periodId: string;
}

/** A mark counted in (sign 1: written) or out (−1: replaced or deleted) of its subject. */
export interface MarkChange extends ForecastKey {
  value: string;
  weight: number;
  sign: 1 | -1;
}

type Tx = Pick<pg.PoolClient, 'query'>;

const keyOf = (k: ForecastKey) => `${k.studentId}:${k.periodId}:${k.subjectId}`;
const KEYS = `unnest($2::uuid[], $3::uuid[], $4::uuid[]) AS k("studentId", "periodId", "subjectId")`;
const TOTALS = ['numericCount', 'numericSum', 'numericWeight', 'passCount', 'passWeight', 'failCount', 'failWeight'] as const;

// Rows are created, then locked in key order before anything is read: a concurrent batch
// for the same subject waits and then reads the totals this one committed. A row this
// transaction created is counted from the marks, which then include its own writes.
const CREATE = `
  INSERT INTO subject_forecasts ("schoolId", "studentId", "periodId", "subjectId", "updatedAt")
  SELECT $1::uuid, k."studentId", k."periodId", k."subjectId", now() FROM ${KEYS} ORDER BY 2, 3, 4
  ON CONFLICT DO NOTHING
  RETURNING "studentId", "periodId", "subjectId"`;

const LOCK = `
  SELECT f."studentId", f."periodId", f."subjectId", f.forecast, f."alertedForecast", ${TOTALS.map((c) => `f."${c}"`).join(', ')},
         st."classId", s.name AS "subjectName"
    FROM subject_forecasts f JOIN ${KEYS} USING ("studentId", "periodId", "subjectId")
    JOIN students st ON st.id = f."studentId" JOIN subjects s ON s.id = f."subjectId"
   WHERE f."schoolId" = $1::uuid
   ORDER BY f."studentId", f."periodId", f."subjectId"
   FOR UPDATE OF f`;

// Grouped by value and weight, the only things the forecast mark depends on.
const MARKS = `
  SELECT m."studentId", m."periodId", m."subjectId", m.value, m.weight, count(*)::int AS n
    FROM marks m JOIN ${KEYS} USING ("studentId", "periodId", "subjectId")
   WHERE m."schoolId" = $1::uuid AND NOT m.deleted
   GROUP BY 1, 2, 3, 4, 5`;

const UPDATE = `
  UPDATE subject_forecasts f
     SET forecast = u.forecast, "alertedForecast" = u.alerted, ${TOTALS.map((c) => `"${c}" = u."${c}"`).join(', ')}, "updatedAt" = now()
    FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::int[], $8::float8[], $9::float8[], $10::int[], $11::float8[], $12::int[], $13::float8[])
         AS u("studentId", "periodId", "subjectId", forecast, alerted, ${TOTALS.map((c) => `"${c}"`).join(', ')})
   WHERE f."schoolId" = $1::uuid AND f."studentId" = u."studentId" AND f."periodId" = u."periodId" AND f."subjectId" = u."subjectId"`;

type StoredRow = ForecastKey & ForecastTotals & { forecast: string | null; alertedForecast: string | null; classId: string; subjectName: string };

/** Applies the changed marks to the kept forecasts and returns the forecast_risk events to record. */
export async function updateStoredForecasts(tx: Tx, schoolId: string, changes: readonly MarkChange[]): Promise<NewDomainEvent<'forecast_risk'>[]> {
  if (changes.length === 0) return [];
  const { rows: school } = await tx.query<{ roundingThreshold: number; markWeights: unknown }>('SELECT "roundingThreshold", "markWeights" FROM schools WHERE id = $1', [schoolId]);
  const rules = readSchoolRules(school[0] ?? {});
  const weightOf = (weight: number) => resolveMarkWeight(null, weight, rules.markWeights);
  const deltas = new Map<string, { key: ForecastKey; totals: ForecastTotals }>();
  for (const c of changes) {
    let d = deltas.get(keyOf(c));
    if (!d) deltas.set(keyOf(c), (d = { key: { studentId: c.studentId, periodId: c.periodId, subjectId: c.subjectId }, totals: emptyTotals() }));
    addToTotals(d.totals, c.value, weightOf(c.weight), c.sign);
  }
  const keys = [...deltas.values()].map((d) => d.key).sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));
  const params = [schoolId, keys.map((k) => k.studentId), keys.map((k) => k.periodId), keys.map((k) => k.subjectId)];
  const { rows: created } = await tx.query<ForecastKey>(CREATE, params);
  const { rows: stored } = await tx.query<StoredRow>(LOCK, params);
  const counted = await countFromMarks(tx, schoolId, created, weightOf);

  const events: NewDomainEvent<'forecast_risk'>[] = [];
  const updates: Array<ForecastKey & ForecastTotals & { forecast: string | null; alerted: string | null }> = [];
  for (const row of stored) {
    const totals = counted.get(keyOf(row)) ?? sum(row, deltas.get(keyOf(row))?.totals);
    const previous = parseValue(row.forecast);
    const current = forecastFromTotals(totals, rules.roundingThreshold);
    let alerted = parseValue(row.alertedForecast);
    const change = assessForecastChange(previous, current, alerted);
    if (change && current !== null && current !== 'pass') {
      alerted = change.alerted;
      events.push({
        schoolId,
        type: 'forecast_risk',
        studentId: row.studentId,
        classId: row.classId,
        payload: { subjectId: row.subjectId, subjectName: row.subjectName, periodId: row.periodId, forecast: current, previousForecast: previous === 'fail' ? null : previous, risk: change.risk },
      });
    }
    updates.push({ studentId: row.studentId, periodId: row.periodId, subjectId: row.subjectId, ...totals, forecast: formatValue(current), alerted: formatValue(alerted) });
  }
  await tx.query(UPDATE, [
    schoolId,
    updates.map((u) => u.studentId),
    updates.map((u) => u.periodId),
    updates.map((u) => u.subjectId),
    updates.map((u) => u.forecast),
    updates.map((u) => u.alerted),
    ...TOTALS.map((c) => updates.map((u) => u[c])),
  ]);
  return events;
}

/** Totals of subjects seen for the first time, from their marks as this transaction sees them. */
async function countFromMarks(tx: Tx, schoolId: string, keys: ForecastKey[], weightOf: (w: number) => number): Promise<Map<string, ForecastTotals>> {
  const result = new Map<string, ForecastTotals>(keys.map((k) => [keyOf(k), emptyTotals()]));
  if (keys.length === 0) return result;
  const { rows } = await tx.query<ForecastKey & { value: string; weight: number; n: number }>(MARKS, [
    schoolId,
    keys.map((k) => k.studentId),
    keys.map((k) => k.periodId),
    keys.map((k) => k.subjectId),
  ]);
  for (const g of rows) {
    const totals = result.get(keyOf(g));
    if (!totals) continue;
    for (let i = 0; i < g.n; i++) addToTotals(totals, g.value, weightOf(g.weight), 1);
  }
  return result;
}

function sum(row: ForecastTotals, delta: ForecastTotals | undefined): ForecastTotals {
  const totals = emptyTotals();
  for (const c of TOTALS) totals[c] = Number(row[c]) + (delta?.[c] ?? 0);
  return totals;
}

function parseValue(text: string | null): ForecastValue {
  if (text === 'pass' || text === 'fail') return text;
  const n = Number(text);
  return text !== null && Number.isInteger(n) && n >= 1 && n <= 5 ? (n as 1 | 2 | 3 | 4 | 5) : null;
}

const formatValue = (value: ForecastValue): string | null => (value === null ? null : String(value));
