// Keeps each subject's forecast per student and period (subject_forecasts) in step with the
// marks, inside the transaction that wrote them, and says which changes need an early
// warning. A kept forecast carries the totals of its marks, so a batch changes it by the
// marks it wrote; a subject seen for the first time is counted once from its marks.
import type pg from 'pg';
import type { NewDomainEvent } from '../events/event-types.js';
import { assessForecastChange } from './assess-forecast-change.js';
import { addToTotals, emptyTotals, type ForecastTotals } from './add-to-totals.js';
import { forecastFromTotals, type ForecastValue } from './forecast-from-totals.js';
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

// One write per kept forecast: the totals move by the batch's marks and the row comes back
// with the forecast it had. The deltas are sorted, so concurrent batches lock rows in the
// same order; the forecast itself is written again only where it changed.
const ADD = `
  UPDATE subject_forecasts f SET ${TOTALS.map((c) => `"${c}" = f."${c}" + d."${c}"`).join(', ')}, "updatedAt" = now()
    FROM (SELECT * FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::int[], $6::float8[], $7::float8[], $8::int[], $9::float8[], $10::int[], $11::float8[])
          AS d("studentId", "periodId", "subjectId", ${TOTALS.map((c) => `"${c}"`).join(', ')}) ORDER BY 1, 2, 3) d
   WHERE f."schoolId" = $1::uuid AND f."studentId" = d."studentId" AND f."periodId" = d."periodId" AND f."subjectId" = d."subjectId"
  RETURNING f."studentId", f."periodId", f."subjectId", f.forecast, f."alertedForecast", ${TOTALS.map((c) => `f."${c}"`).join(', ')}`;

// A subject seen for the first time is counted from its marks, which by now include this
// batch's. A concurrent batch creating the same row first makes this one add instead.
const CREATE = `
  INSERT INTO subject_forecasts ("schoolId", "studentId", "periodId", "subjectId", "updatedAt")
  SELECT $1::uuid, k."studentId", k."periodId", k."subjectId", now() FROM ${KEYS} ORDER BY 2, 3, 4
  ON CONFLICT DO NOTHING
  RETURNING "studentId", "periodId", "subjectId"`;

// Grouped by value and weight, the only things the forecast mark depends on.
const MARKS = `
  SELECT m."studentId", m."periodId", m."subjectId", m.value, m.weight, count(*)::int AS n
    FROM marks m JOIN ${KEYS} USING ("studentId", "periodId", "subjectId")
   WHERE m."schoolId" = $1::uuid AND NOT m.deleted
   GROUP BY 1, 2, 3, 4, 5`;

const SET = `
  UPDATE subject_forecasts f
     SET forecast = u.forecast, "alertedForecast" = u.alerted, ${TOTALS.map((c) => `"${c}" = u."${c}"`).join(', ')}
    FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::int[], $8::float8[], $9::float8[], $10::int[], $11::float8[], $12::int[], $13::float8[])
         AS u("studentId", "periodId", "subjectId", forecast, alerted, ${TOTALS.map((c) => `"${c}"`).join(', ')})
   WHERE f."schoolId" = $1::uuid AND f."studentId" = u."studentId" AND f."periodId" = u."periodId" AND f."subjectId" = u."subjectId"`;

const NAMES = `
  SELECT k."studentId", k."periodId", k."subjectId", st."classId", s.name AS "subjectName"
    FROM ${KEYS} JOIN students st ON st."schoolId" = $1::uuid AND st.id = k."studentId"
    JOIN subjects s ON s."schoolId" = $1::uuid AND s.id = k."subjectId"`;

type KeptRow = ForecastKey & ForecastTotals & { forecast: string | null; alertedForecast: string | null };
type Delta = { key: ForecastKey; totals: ForecastTotals };

const keyParams = (schoolId: string, keys: readonly ForecastKey[]) => [schoolId, keys.map((k) => k.studentId), keys.map((k) => k.periodId), keys.map((k) => k.subjectId)];

/** Applies the changed marks to the kept forecasts and returns the forecast_risk events to record. */
export async function updateStoredForecasts(tx: Tx, schoolId: string, changes: readonly MarkChange[]): Promise<NewDomainEvent<'forecast_risk'>[]> {
  if (changes.length === 0) return [];
  const { rows: school } = await tx.query<{ roundingThreshold: number; markWeights: unknown }>('SELECT "roundingThreshold", "markWeights" FROM schools WHERE id = $1', [schoolId]);
  const rules = readSchoolRules(school[0] ?? {});
  const weightOf = (weight: number) => resolveMarkWeight(null, weight, rules.markWeights);
  const deltas = new Map<string, Delta>();
  for (const c of changes) {
    let d = deltas.get(keyOf(c));
    if (!d) deltas.set(keyOf(c), (d = { key: { studentId: c.studentId, periodId: c.periodId, subjectId: c.subjectId }, totals: emptyTotals() }));
    addToTotals(d.totals, c.value, weightOf(c.weight), c.sign);
  }
  const all = [...deltas.values()].sort((a, b) => (keyOf(a.key) < keyOf(b.key) ? -1 : 1));
  const kept: Array<{ row: KeptRow; created: boolean }> = (await add(tx, schoolId, all)).map((row) => ({ row, created: false }));
  const seen = new Set(kept.map((k) => keyOf(k.row)));
  const missing = all.filter((d) => !seen.has(keyOf(d.key))).map((d) => d.key);
  if (missing.length > 0) {
    const { rows: created } = await tx.query<ForecastKey>(CREATE, keyParams(schoolId, missing));
    const counted = await countFromMarks(tx, schoolId, created, weightOf);
    for (const key of created) kept.push({ row: { ...key, ...counted.get(keyOf(key))!, forecast: null, alertedForecast: null }, created: true });
    const createdKeys = new Set(created.map(keyOf));
    const raced = all.filter((d) => !seen.has(keyOf(d.key)) && !createdKeys.has(keyOf(d.key)));
    for (const row of await add(tx, schoolId, raced)) kept.push({ row, created: false });
  }

  const risks: Array<{ row: KeptRow; payload: Omit<NewDomainEvent<'forecast_risk'>['payload'], 'subjectName'> }> = [];
  const updates: Array<ForecastKey & ForecastTotals & { forecast: string | null; alerted: string | null }> = [];
  for (const { row, created } of kept) {
    const totals = numbers(row);
    const previous = parseValue(row.forecast);
    const current = forecastFromTotals(totals, rules.roundingThreshold);
    let alerted = parseValue(row.alertedForecast);
    const change = assessForecastChange(previous, current, alerted);
    if (change && current !== null && current !== 'pass') {
      alerted = change.alerted;
      const previousForecast = previous === 'fail' ? null : previous;
      risks.push({ row, payload: { subjectId: row.subjectId, periodId: row.periodId, forecast: current, previousForecast, risk: change.risk } });
    }
    if (created || formatValue(current) !== row.forecast || formatValue(alerted) !== row.alertedForecast) {
      updates.push({ studentId: row.studentId, periodId: row.periodId, subjectId: row.subjectId, ...totals, forecast: formatValue(current), alerted: formatValue(alerted) });
    }
  }
  if (updates.length > 0) {
    await tx.query(SET, [
      ...keyParams(schoolId, updates),
      updates.map((u) => u.forecast),
      updates.map((u) => u.alerted),
      ...TOTALS.map((c) => updates.map((u) => u[c])),
    ]);
  }
  return riskEvents(tx, schoolId, risks);
}

async function add(tx: Tx, schoolId: string, deltas: readonly Delta[]): Promise<KeptRow[]> {
  if (deltas.length === 0) return [];
  const { rows } = await tx.query<KeptRow>(ADD, [...keyParams(schoolId, deltas.map((d) => d.key)), ...TOTALS.map((c) => deltas.map((d) => d.totals[c]))]);
  return rows;
}

/** The events, with what a message needs: the class (for the teacher's summary) and the subject's name. */
async function riskEvents(
  tx: Tx,
  schoolId: string,
  risks: Array<{ row: ForecastKey; payload: Omit<NewDomainEvent<'forecast_risk'>['payload'], 'subjectName'> }>,
): Promise<NewDomainEvent<'forecast_risk'>[]> {
  if (risks.length === 0) return [];
  const { rows } = await tx.query<ForecastKey & { classId: string; subjectName: string }>(NAMES, keyParams(schoolId, risks.map((r) => r.row)));
  const byKey = new Map(rows.map((r) => [keyOf(r), r]));
  return risks.flatMap(({ row, payload }) => {
    const names = byKey.get(keyOf(row));
    if (!names) return [];
    return [{ schoolId, type: 'forecast_risk' as const, studentId: row.studentId, classId: names.classId, payload: { ...payload, subjectName: names.subjectName } }];
  });
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

/** Totals as numbers whatever the driver returned them as. */
function numbers(row: ForecastTotals): ForecastTotals {
  const totals = emptyTotals();
  for (const c of TOTALS) totals[c] = Number(row[c]);
  return totals;
}

function parseValue(text: string | null): ForecastValue {
  if (text === 'pass' || text === 'fail') return text;
  const n = Number(text);
  return text !== null && Number.isInteger(n) && n >= 1 && n <= 5 ? (n as 1 | 2 | 3 | 4 | 5) : null;
}

const formatValue = (value: ForecastValue): string | null => (value === null ? null : String(value));
