import { DEFAULT_MARK_WEIGHTS } from '../../../src/modules/forecast/index.js';
import { forecast, mark, marks, numeric, rules } from './build-marks.js';

describe('forecastSubject: the average and the mark', () => {
  it('weights marks: (5·3 + 3·1 + 4·1) / 5 = 4.4 → 4', () => {
    const result = numeric([mark('5', { weight: 3, kind: 'test' }), mark('3'), mark('4')]);
    expect(result.average).toBeCloseTo(4.4, 12);
    expect(result.averageShown).toBe(4.4);
    expect(result.forecast).toBe(4);
    expect(result.marksCount).toBe(3);
  });

  it('rounds 4.5 up at threshold 0.5 but not at 0.6', () => {
    const list = marks('5', '5', '4', '4');
    expect(numeric(list).forecast).toBe(5);
    expect(numeric(list, { rules: rules(0.6) }).forecast).toBe(4);
  });

  it('rounds 23/5 = 4.6 up at 0.5 and 0.6 but not at 0.65', () => {
    const list = marks('5', '5', '5', '4', '4');
    expect(numeric(list).forecast).toBe(5);
    expect(numeric(list, { rules: rules(0.6) }).forecast).toBe(5);
    expect(numeric(list, { rules: rules(0.65) }).forecast).toBe(4);
  });

  it('rounds 93/20 = 4.65 up at 0.65 and not at 0.7', () => {
    const list = [...Array<string>(13).fill('5'), ...Array<string>(7).fill('4')].map((v) => mark(v));
    const result = numeric(list, { rules: rules(0.65) });
    expect(result.averageShown).toBe(4.65);
    expect(result.forecast).toBe(5);
    expect(numeric(list, { rules: rules(0.7) }).forecast).toBe(4);
  });

  it('ignores «н»: 5, 5, н, н, 4 is 14/3 over three marks → 5', () => {
    const result = numeric(marks('5', '5', 'н', 'н', '4'));
    expect(result.marksCount).toBe(3);
    expect(result.average).toBeCloseTo(14 / 3, 12);
    expect(result.forecast).toBe(5);
  });

  it('reads values with stray spaces or capitals from imports', () => {
    expect(numeric(marks(' 5', '5 ', '4')).forecast).toBe(5);
    expect(forecast(marks('Зач', 'зач', 'НЕЗАЧ'))).toMatchObject({ kind: 'pass_fail', passed: 2, failed: 1 });
    expect(forecast(marks('5', '4', 'Н', '5+'))).toMatchObject({ kind: 'insufficient', marksCount: 2 });
  });

  it('ignores deleted marks: a deleted 2 does not pull 5, 5, 4 down', () => {
    const list = [...marks('5', '5', '4'), mark('2', { deleted: true })];
    expect(numeric(list).forecast).toBe(5);
    expect(numeric(list).marksCount).toBe(3);
    // The same 2 not deleted gives 16/4 = 4.
    expect(numeric(marks('5', '5', '4', '2')).forecast).toBe(4);
  });

  it("lets the journal's own weight win over the kind of work", () => {
    const byKind = [mark('5', { kind: 'test', weight: null }), mark('2', { weight: null }), mark('3', { weight: null })];
    // Test weighs 3: (15 + 2 + 3) / 5 = 4.
    expect(numeric(byKind).average).toBe(4);
    expect(numeric(byKind).forecast).toBe(4);
    const explicit = [mark('5', { kind: 'test', weight: 1 }), ...byKind.slice(1)];
    // The journal said 1: (5 + 2 + 3) / 3 = 3.33 → 3.
    expect(numeric(explicit).forecast).toBe(3);
  });

  it('uses the school weights for marks without a journal weight', () => {
    const schoolRules = { roundingThreshold: 0.5, markWeights: { ...DEFAULT_MARK_WEIGHTS, answer: 2 } };
    const list = [mark('5', { weight: null }), mark('5', { weight: null }), mark('2', { kind: 'homework', weight: null })];
    // Answers weigh 2 here: (10 + 10 + 2) / 5 = 4.4.
    expect(numeric(list, { rules: schoolRules }).average).toBeCloseTo(4.4, 12);
  });

  it('cuts the shown average instead of rounding it, so it never contradicts the forecast', () => {
    const list = [mark('5', { weight: 0.998 }), mark('4', { weight: 0.501 }), mark('4', { weight: 0.501 })];
    const result = numeric(list);
    expect(result.average).toBeCloseTo(4.499, 9);
    expect(result.averageShown).toBe(4.49);
    expect(result.forecast).toBe(4);
  });

  it('refuses a wrong threshold instead of rounding by some other rule', () => {
    expect(() => forecast(marks('5', '4', '4'), { rules: rules(4.6) })).toThrow(RangeError);
  });
});

describe('forecastSubject: not enough marks', () => {
  it('gives no number with fewer than three marks', () => {
    expect(forecast(marks('5', '4'))).toEqual({ kind: 'insufficient', marksCount: 2, marksRequired: 3 });
    expect(forecast([])).toEqual({ kind: 'insufficient', marksCount: 0, marksRequired: 3 });
  });

  it('does not count «н» or deleted marks towards the three', () => {
    const list = [...marks('5', '4', 'н', 'н'), mark('3', { deleted: true })];
    expect(forecast(list)).toEqual({ kind: 'insufficient', marksCount: 2, marksRequired: 3 });
  });
});

describe('forecastSubject: pass/fail subjects', () => {
  it('forecasts a pass when most marks are «зач»', () => {
    const result = forecast(marks('зач', 'зач', 'незач'));
    expect(result).toMatchObject({ kind: 'pass_fail', forecast: 'pass', passed: 2, failed: 1, toPass: null, risk: null });
  });

  it('forecasts a fail, flags it and tells how many «зач» make it a pass', () => {
    const result = forecast(marks('зач', 'незач', 'незач', 'н'));
    // One more «зач» makes it 2 of 4: half the weight passes.
    expect(result).toMatchObject({
      kind: 'pass_fail',
      forecast: 'fail',
      marksCount: 3,
      toPass: { passes: 1, reachable: true },
      risk: 'failing',
    });
  });

  it('says a pass is out of reach when too few lessons are left', () => {
    const result = forecast(marks('незач', 'незач', 'незач', 'незач'), { remainingLessons: 3 });
    expect(result).toMatchObject({ forecast: 'fail', toPass: { passes: 4, reachable: false } });
  });

  it('keeps a numeric forecast when a numeric subject has a stray «зач»', () => {
    expect(forecast(marks('5', '5', '4', 'зач'))).toMatchObject({ kind: 'numeric', marksCount: 3 });
  });

  it('follows the subject setting when the caller knows it', () => {
    expect(forecast(marks('5', '5', '4'), { grading: 'pass_fail' })).toEqual({
      kind: 'insufficient',
      marksCount: 0,
      marksRequired: 3,
    });
    expect(forecast(marks('зач', 'зач'))).toMatchObject({ kind: 'insufficient', marksCount: 2 });
  });
});
