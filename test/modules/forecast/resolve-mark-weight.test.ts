import { DEFAULT_MARK_WEIGHTS, readSchoolRules, resolveMarkWeight } from '../../../src/modules/forecast/index.js';

describe('resolveMarkWeight', () => {
  it('uses the weight the e-journal gave over the kind of work', () => {
    expect(resolveMarkWeight('test', 1.5, DEFAULT_MARK_WEIGHTS)).toBe(1.5);
  });

  it('uses the school weight for the kind when the journal gave none', () => {
    expect(resolveMarkWeight('test', null, DEFAULT_MARK_WEIGHTS)).toBe(3);
    expect(resolveMarkWeight('independent', undefined, DEFAULT_MARK_WEIGHTS)).toBe(2);
    expect(resolveMarkWeight('homework', null, DEFAULT_MARK_WEIGHTS)).toBe(1);
  });

  it('matches kinds regardless of case and stray spaces', () => {
    expect(resolveMarkWeight(' Test ', null, DEFAULT_MARK_WEIGHTS)).toBe(3);
  });

  it("falls back to the school's other weight, then to 1", () => {
    expect(resolveMarkWeight('essay', null, { test: 4, other: 2 })).toBe(2);
    expect(resolveMarkWeight('essay', null, { test: 4 })).toBe(1);
    expect(resolveMarkWeight(null, null, { test: 4, other: 2 })).toBe(2);
    expect(resolveMarkWeight('test', null, null)).toBe(1);
  });

  it('ignores zero, negative and non-finite journal weights', () => {
    expect(resolveMarkWeight('test', 0, DEFAULT_MARK_WEIGHTS)).toBe(3);
    expect(resolveMarkWeight('test', -2, DEFAULT_MARK_WEIGHTS)).toBe(3);
    expect(resolveMarkWeight('test', Number.NaN, DEFAULT_MARK_WEIGHTS)).toBe(3);
  });

  it('documents the defaults of the School column', () => {
    expect(DEFAULT_MARK_WEIGHTS).toEqual({
      test: 3,
      control: 3,
      independent: 2,
      practical: 2,
      homework: 1,
      answer: 1,
      other: 1,
    });
  });
});

describe('readSchoolRules', () => {
  it('reads the stored threshold and weights', () => {
    const rules = readSchoolRules({ roundingThreshold: 0.6, markWeights: { Test: 4, answer: 1 } });
    expect(rules.roundingThreshold).toBe(0.6);
    expect(rules.markWeights).toEqual({ test: 4, answer: 1 });
  });

  it('skips malformed weight entries and falls back to defaults for a malformed map', () => {
    expect(readSchoolRules({ roundingThreshold: 0.5, markWeights: { test: 'x', answer: 1, bad: -1 } }).markWeights).toEqual({
      answer: 1,
    });
    expect(readSchoolRules({ roundingThreshold: 0.5, markWeights: [3, 2] }).markWeights).toBe(DEFAULT_MARK_WEIGHTS);
    expect(readSchoolRules({}).markWeights).toBe(DEFAULT_MARK_WEIGHTS);
    expect(readSchoolRules({}).roundingThreshold).toBe(0.5);
  });

  it('refuses a threshold written as a mark instead of a fraction', () => {
    expect(() => readSchoolRules({ roundingThreshold: 4.6 })).toThrow(RangeError);
  });
});
