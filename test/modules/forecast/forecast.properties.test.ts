import fc from 'fast-check';
import { forecastSubject, forecastValue, roundMark } from '../../../src/modules/forecast/index.js';
import type { ForecastMark, NumericForecast, SubjectForecast } from '../../../src/modules/forecast/index.js';
import { NOW, PERIOD_ENDS_ON, day, forecast, rules } from './build-marks.js';

// Weights that sum exactly in binary, as journal weights (1, 2, 3, 0.5) do.
const weightArb = fc.constantFrom(0.5, 1, 1.5, 2, 3);
const dateArb = fc.constantFrom(day('2025-01-15'), day('2025-02-01'), day('2025-02-12'), day('2025-02-20'));
const markArb: fc.Arbitrary<ForecastMark> = fc.record({
  value: fc.constantFrom('1', '2', '3', '4', '5'),
  weight: weightArb,
  kind: fc.constant('answer'),
  date: dateArb,
  deleted: fc.constant(false),
});
const marksArb = fc.array(markArb, { minLength: 3, maxLength: 60 });
// Any threshold from 0.01 to 1, including the regional 0.6 and 0.65.
const thresholdArb = fc.oneof(fc.constantFrom(0.5, 0.6, 0.65), fc.integer({ min: 1, max: 100 }).map((n) => n / 100));
const valueArb = fc.integer({ min: 1, max: 5 });

function run(marks: readonly ForecastMark[], threshold: number): SubjectForecast {
  return forecastSubject({ marks, rules: rules(threshold), now: NOW, periodEndsOn: PERIOD_ENDS_ON });
}

function numeric(marks: readonly ForecastMark[], threshold: number): NumericForecast {
  const result = run(marks, threshold);
  if (result.kind !== 'numeric') throw new Error(`expected numeric, got ${result.kind}`);
  return result;
}

function withMarks(marks: readonly ForecastMark[], value: number, weight: number, count: number): ForecastMark[] {
  const added = Array.from({ length: count }, () => ({ value: String(value), weight, date: day('2025-02-20') }));
  return [...marks, ...added];
}

describe('forecast properties', () => {
  it('the average is Σ value × weight / Σ weight and the forecast is its rounding', () => {
    fc.assert(
      fc.property(marksArb, thresholdArb, (marks, threshold) => {
        const result = numeric(marks, threshold);
        const sum = marks.reduce((acc, m) => acc + Number(m.value) * (m.weight ?? 0), 0);
        const weight = marks.reduce((acc, m) => acc + (m.weight ?? 0), 0);
        expect(result.average).toBeCloseTo(sum / weight, 12);
        expect(result.forecast).toBe(roundMark(sum / weight, threshold));
      }),
    );
  });

  it('adding a mark at or above the average never lowers the average', () => {
    fc.assert(
      fc.property(marksArb, thresholdArb, valueArb, weightArb, (marks, threshold, value, weight) => {
        const before = numeric(marks, threshold);
        const added = Math.max(value, Math.ceil(before.average));
        expect(numeric(withMarks(marks, added, weight, 1), threshold).average).toBeGreaterThanOrEqual(before.average);
      }),
    );
  });

  it('adding a mark not below the forecast never lowers the forecast', () => {
    fc.assert(
      fc.property(marksArb, thresholdArb, valueArb, weightArb, (marks, threshold, value, weight) => {
        const before = numeric(marks, threshold);
        const added = Math.max(value, before.forecast);
        expect(numeric(withMarks(marks, added, weight, 1), threshold).forecast).toBeGreaterThanOrEqual(before.forecast);
      }),
    );
  });

  it('adding a higher mark instead of a lower one never gives a lower forecast', () => {
    fc.assert(
      fc.property(marksArb, thresholdArb, valueArb, valueArb, weightArb, (marks, threshold, a, b, weight) => {
        const low = Math.min(a, b);
        const high = Math.max(a, b);
        const withLow = numeric(withMarks(marks, low, weight, 1), threshold);
        const withHigh = numeric(withMarks(marks, high, weight, 1), threshold);
        expect(withHigh.forecast).toBeGreaterThanOrEqual(withLow.forecast);
        expect(withHigh.average).toBeGreaterThanOrEqual(withLow.average);
      }),
    );
  });

  it('the 5s and 4s needed, applied, reach the next mark and one fewer does not', () => {
    fc.assert(
      fc.property(marksArb, thresholdArb, (marks, threshold) => {
        const before = numeric(marks, threshold);
        if (before.toNext === null) {
          expect(before.forecast).toBe(5);
          return;
        }
        const { target, fives, fours } = before.toNext;
        for (const [value, count] of [
          [5, fives],
          [4, fours],
        ] as const) {
          if (count === null) {
            // "Never" must be true: even a long run of such marks stays below the target.
            expect(numeric(withMarks(marks, value, before.usualWeight, 500), threshold).forecast).toBeLessThan(target);
            continue;
          }
          expect(count).toBeGreaterThanOrEqual(1);
          expect(numeric(withMarks(marks, value, before.usualWeight, count), threshold).forecast).toBeGreaterThanOrEqual(target);
          expect(numeric(withMarks(marks, value, before.usualWeight, count - 1), threshold).forecast).toBeLessThan(target);
        }
      }),
    );
  });

  it('the 2s that would drop it, applied, drop it and one fewer does not', () => {
    fc.assert(
      fc.property(marksArb, thresholdArb, (marks, threshold) => {
        const before = numeric(marks, threshold);
        if (before.toDrop === null) {
          expect(before.forecast).toBeLessThanOrEqual(2);
          return;
        }
        const { twos, target } = before.toDrop;
        expect(target).toBe(before.forecast - 1);
        expect(numeric(withMarks(marks, 2, before.usualWeight, twos), threshold).forecast).toBeLessThan(before.forecast);
        expect(numeric(withMarks(marks, 2, before.usualWeight, twos - 1), threshold).forecast).toBe(before.forecast);
      }),
    );
  });

  it('the «зач» needed, applied, turn a fail into a pass and one fewer does not', () => {
    const passFailArb = fc.array(
      fc.record({ value: fc.constantFrom('зач', 'незач'), weight: weightArb, date: dateArb }),
      { minLength: 3, maxLength: 40 },
    );
    fc.assert(
      fc.property(passFailArb, (marks) => {
        const before = run(marks, 0.5);
        if (before.kind !== 'pass_fail') throw new Error('expected pass/fail');
        if (before.toPass === null) {
          expect(before.forecast).toBe('pass');
          return;
        }
        const add = (count: number) => [
          ...marks,
          ...Array.from({ length: count }, () => ({ value: 'зач', weight: before.usualWeight, date: day('2025-02-20') })),
        ];
        expect(run(add(before.toPass.passes), 0.5)).toMatchObject({ forecast: 'pass' });
        expect(run(add(before.toPass.passes - 1), 0.5)).toMatchObject({ forecast: 'fail' });
      }),
    );
  });

  it('does not depend on the order of the marks', () => {
    fc.assert(
      fc.property(marksArb, thresholdArb, fc.integer(), (marks, threshold, seed) => {
        const shuffled = [...marks];
        let state = seed;
        for (let i = shuffled.length - 1; i > 0; i--) {
          state = (state * 1103515245 + 12345) & 0x7fffffff;
          const j = state % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
        }
        const a = numeric(marks, threshold);
        const b = numeric(shuffled, threshold);
        expect(b.forecast).toBe(a.forecast);
        expect(b.average).toBeCloseTo(a.average, 12);
        expect(b.toNext).toEqual(a.toNext);
        expect(b.toDrop).toEqual(a.toDrop);
      }),
    );
  });

  it('gives a number only from three counted marks', () => {
    const anyValue = fc.constantFrom('1', '2', '3', '4', '5', 'н');
    const listArb = fc.array(
      fc.record({ value: anyValue, weight: weightArb, date: dateArb, deleted: fc.boolean() }),
      { maxLength: 8 },
    );
    fc.assert(
      fc.property(listArb, (marks) => {
        const counted = marks.filter((m) => !m.deleted && m.value !== 'н').length;
        const result = run(marks, 0.5);
        expect(result.kind).toBe(counted < 3 ? 'insufficient' : 'numeric');
        expect(result.marksCount).toBe(counted);
      }),
    );
  });
});

describe('forecastValue, the mark ingestion keeps', () => {
  it('is the mark forecastSubject gives, for any marks', () => {
    const anyMark = fc.record({
      value: fc.constantFrom('1', '2', '3', '4', '5', 'н', 'зач', 'незач', ' Зач', 'x'),
      weight: weightArb,
      date: dateArb,
      deleted: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(anyMark, { maxLength: 30 }), fc.constantFrom(0.5, 0.6, 0.65), (list, threshold) => {
        const f = forecast(list, { rules: rules(threshold) });
        const expected = f.kind === 'insufficient' ? null : f.forecast;
        expect(forecastValue(rules(threshold), list)).toBe(expected);
      }),
    );
  });
});
