import { roundMark } from '../../../src/modules/forecast/index.js';

describe('roundMark', () => {
  it('rounds at the default 0.5 threshold: 4.5 → 5, 3.5 → 4, 2.5 → 3', () => {
    expect(roundMark(4.5, 0.5)).toBe(5);
    expect(roundMark(4.49, 0.5)).toBe(4);
    expect(roundMark(3.5, 0.5)).toBe(4);
    expect(roundMark(3.49, 0.5)).toBe(3);
    expect(roundMark(2.5, 0.5)).toBe(3);
    expect(roundMark(2.49, 0.5)).toBe(2);
  });

  it('rounds at a 0.6 threshold: 4.6 → 5 but 4.5 → 4', () => {
    expect(roundMark(4.6, 0.6)).toBe(5);
    expect(roundMark(4.59, 0.6)).toBe(4);
    expect(roundMark(4.5, 0.6)).toBe(4);
    expect(roundMark(3.6, 0.6)).toBe(4);
  });

  it('rounds at a 0.65 threshold: 4.65 → 5, 4.64 → 4', () => {
    expect(roundMark(4.65, 0.65)).toBe(5);
    expect(roundMark(4.64, 0.65)).toBe(4);
    expect(roundMark(2.65, 0.65)).toBe(3);
  });

  it('treats an average that floating point puts a hair below the threshold as on it', () => {
    // 46 / 10 is 4.6 exactly in decimal, but 4.6 − 4 is 0.5999999999999996 in binary.
    expect(46 / 10 - 4).toBeLessThan(0.6);
    expect(roundMark(46 / 10, 0.6)).toBe(5);
    expect(roundMark(93 / 20, 0.65)).toBe(5);
  });

  it('keeps whole averages and the ends of the scale', () => {
    expect(roundMark(5, 0.5)).toBe(5);
    expect(roundMark(4, 0.5)).toBe(4);
    expect(roundMark(1, 0.5)).toBe(1);
    expect(roundMark(1.2, 0.5)).toBe(1);
  });

  it('never rounds up with threshold 1 until the next whole mark', () => {
    expect(roundMark(4.99, 1)).toBe(4);
    expect(roundMark(5, 1)).toBe(5);
  });

  it('rejects thresholds that are not a fraction in (0, 1]', () => {
    expect(() => roundMark(4.5, 0)).toThrow(RangeError);
    expect(() => roundMark(4.5, 4.6)).toThrow(/roundingThreshold/);
    expect(() => roundMark(4.5, Number.NaN)).toThrow(RangeError);
    expect(() => roundMark(Number.NaN, 0.5)).toThrow(RangeError);
  });
});
