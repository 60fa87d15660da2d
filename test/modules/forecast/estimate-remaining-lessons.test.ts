import { estimateRemainingLessons, type TimetableLesson } from '../../../src/modules/forecast/index.js';

// The first quarter of 2025: Monday 6 October to Friday 24 October are the last three weeks.
const week = (monday: string, plan: Record<string, number[]>): TimetableLesson[] => {
  const start = Date.parse(`${monday}T00:00:00Z`);
  return Object.entries(plan).flatMap(([subjectId, days]) =>
    days.map((offset) => ({ subjectId, date: new Date(start + offset * 86_400_000).toISOString().slice(0, 10) })),
  );
};

// Maths Monday to Friday, music on Wednesdays.
const PLAN = { math: [0, 1, 2, 3, 4], music: [2] };

describe('estimateRemainingLessons', () => {
  it('counts the loaded lessons after today when the timetable reaches the period end', () => {
    const lessons = [...week('2025-10-13', PLAN), ...week('2025-10-20', PLAN), { subjectId: 'music', date: '2025-10-22', cancelled: true }];
    const result = estimateRemainingLessons({ lessons, holidays: [], today: '2025-10-15', periodEndsOn: '2025-10-22' });
    // 16, 17, 20, 21, 22 October for maths; music's lesson on the 22nd is cancelled (one of its two rows).
    expect(result).toEqual({ bySubject: new Map([['math', 5], ['music', 1]]), estimated: false });
  });

  it('carries the weekly pattern on past a one-week timetable, skipping holidays, and says it is an estimate', () => {
    const lessons = week('2025-10-06', PLAN);
    const result = estimateRemainingLessons({
      lessons,
      holidays: [{ startsOn: '2025-10-20', endsOn: '2025-10-21' }],
      today: '2025-10-07',
      periodEndsOn: '2025-10-24',
    });
    // Loaded: 8–10 October (3 maths, 1 music). Then 13–17 October (5 + 1) and 22–24 (3 + 1).
    expect(result).toEqual({ bySubject: new Map([['math', 11], ['music', 3]]), estimated: true });
  });

  it('starts the estimate from today when the loaded lessons are all in the past, averaging over the loaded weeks', () => {
    // Two weeks loaded; music fell on a holiday in the second one, so it had one Wednesday in two.
    const lessons = [...week('2025-09-22', PLAN), ...week('2025-09-29', { math: PLAN.math })];
    const result = estimateRemainingLessons({ lessons, holidays: [], today: '2025-10-10', periodEndsOn: '2025-10-24' });
    // 13–24 October: ten school days; two Wednesdays at half a music lesson each.
    expect(result).toEqual({ bySubject: new Map([['math', 10], ['music', 1]]), estimated: true });
  });

  it('knows nothing without a timetable', () => {
    expect(estimateRemainingLessons({ lessons: [], holidays: [], today: '2025-10-07', periodEndsOn: '2025-10-24' })).toBeNull();
  });
});
