import { findPeriod } from '../../../src/modules/periods/find-period.js';

const year = { id: 'y', startsOn: '2025-09-01', endsOn: '2026-05-31' };
const q1 = { id: 'q1', startsOn: '2025-09-01', endsOn: '2025-10-26' };
const q2 = { id: 'q2', startsOn: '2025-10-26', endsOn: '2025-12-20' };

describe('findPeriod: one answer for marks, digests and the bot', () => {
  it('takes the shortest period covering the day: the quarter, not the year, whatever the order', () => {
    expect(findPeriod([year, q1], '2025-09-10')?.id).toBe('q1');
    expect(findPeriod([q1, year], '2025-09-10')?.id).toBe('q1');
    expect(findPeriod([year, q1], '2026-01-15')?.id).toBe('y');
  });

  it('on the day two equally long quarters overlap, takes the one that starts later', () => {
    // Both are 55 days long.
    expect(findPeriod([q1, q2, year], '2025-10-26')?.id).toBe('q2');
    expect(findPeriod([q2, q1, year], '2025-10-26')?.id).toBe('q2');
  });

  it('includes both ends and finds nothing outside every period', () => {
    expect(findPeriod([q1], '2025-10-26')?.id).toBe('q1');
    expect(findPeriod([q1], '2025-09-01')?.id).toBe('q1');
    expect(findPeriod([q1, year], '2026-06-01')).toBeUndefined();
  });
});
