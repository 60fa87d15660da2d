import { day, mark, marks, numeric } from './build-marks.js';

describe('forecastSubject: what would change it', () => {
  it('4, 4, 3 (11/3 → 4) needs five 5s for a 5; 4s never get there; one 2 drops it', () => {
    const result = numeric(marks('4', '4', '3'));
    expect(result.forecast).toBe(4);
    // (11 + 5k) / (3 + k) ≥ 4.5 ⇔ k ≥ 5; with k = 4 it is 31/7 = 4.43.
    expect(result.toNext).toEqual({ target: 5, fives: 5, fours: null, reachable: true });
    // (11 + 2) / 4 = 3.25 < 3.5.
    expect(result.toDrop).toEqual({ target: 3, twos: 1 });
  });

  it('3, 3, 3 needs one 5 or three 4s for a 4, and four 2s for a 2', () => {
    const result = numeric(marks('3', '3', '3'));
    // (9 + 5) / 4 = 3.5; (9 + 12) / 6 = 3.5 while (9 + 8) / 5 = 3.4.
    expect(result.toNext).toEqual({ target: 4, fives: 1, fours: 3, reachable: true });
    // (9 + 2k) / (3 + k) < 2.5 ⇔ k > 3: with four 2s it is 17/7 = 2.43.
    expect(result.toDrop).toEqual({ target: 2, twos: 4 });
  });

  it('counts marks at the usual weight, the most common among the marks', () => {
    const list = [...[1, 2, 3].map(() => mark('3', { weight: 2 })), mark('3', { weight: 1 })];
    const result = numeric(list);
    expect(result.usualWeight).toBe(2);
    // (21 + 10k) / (7 + 2k) ≥ 3.5 ⇔ k ≥ 1.17; at weight 1 it would take three.
    expect(result.toNext?.fives).toBe(2);
  });

  it('takes the lower weight when two weights are equally common', () => {
    const list = [mark('3', { weight: 2 }), mark('3', { weight: 2 }), mark('3', { weight: 1 }), mark('3', { weight: 1 })];
    expect(numeric(list).usualWeight).toBe(1);
  });

  it('has nothing above a 5 and no 2s that could drop a 2', () => {
    expect(numeric(marks('5', '5', '5')).toNext).toBeNull();
    expect(numeric(marks('2', '2', '3')).toDrop).toBeNull();
  });

  it('is not reachable when fewer lessons are left than 5s needed', () => {
    const list = marks('4', '4', '3');
    expect(numeric(list, { remainingLessons: 4 }).toNext).toEqual({ target: 5, fives: 5, fours: null, reachable: false });
    expect(numeric(list, { remainingLessons: 5 }).toNext?.reachable).toBe(true);
    expect(numeric(list, { remainingLessons: 4 }).remainingLessons).toBe(4);
  });

  it('is not reachable once the period is over, whatever the timetable says', () => {
    const result = numeric(marks('4', '4', '3'), { periodEndsOn: day('2025-02-19'), remainingLessons: 10 });
    expect(result.remainingLessons).toBe(0);
    expect(result.toNext?.reachable).toBe(false);
  });

  it('counts the last day of the period in the school zone as still open', () => {
    // 20:00 UTC on 19 February is already 20 February in Vladivostok (UTC+10).
    const evening = new Date('2025-02-19T20:00:00.000Z');
    const input = { now: evening, periodEndsOn: day('2025-02-19'), remainingLessons: 10 };
    expect(numeric(marks('4', '4', '3'), input).remainingLessons).toBe(10);
    expect(numeric(marks('4', '4', '3'), { ...input, timeZone: 'Asia/Vladivostok' }).remainingLessons).toBe(0);
  });
});

describe('forecastSubject: trend', () => {
  // NOW is 20 February: the last two weeks are 7–20 February.
  const early = (value: string) => mark(value, { date: day('2025-02-06') });
  const recent = (value: string) => mark(value, { date: day('2025-02-07') });

  it('compares the last two weeks with the rest of the period', () => {
    const result = numeric([early('3'), early('3'), early('4'), recent('5'), recent('5')]);
    expect(result.trend).toEqual({ recentAverage: 5, earlierAverage: 10 / 3, direction: 'up' });
  });

  it('reports a fall as down', () => {
    const result = numeric([early('5'), early('5'), recent('4'), recent('3')]);
    expect(result.trend).toEqual({ recentAverage: 3.5, earlierAverage: 5, direction: 'down' });
  });

  it('calls a difference below 0.2 flat', () => {
    // Recent 4.5 against earlier (4 + 4 + 5 + 4 + 5 + 4 + 5 + 4 + 5 + 4) / 10 = 4.4.
    const earlier = ['4', '4', '5', '4', '5', '4', '5', '4', '5', '4'].map(early);
    const result = numeric([...earlier, recent('5'), recent('4')]);
    expect(result.trend?.direction).toBe('flat');
  });

  it('has no trend when all marks are on one side', () => {
    expect(numeric([early('5'), early('4'), early('4')]).trend).toBeNull();
    expect(numeric([recent('5'), recent('4'), recent('4')]).trend).toBeNull();
  });

  it("takes the two weeks in the school's own days", () => {
    // 20:00 UTC on 20 February is 21 February in Vladivostok: the window is 8–21 February there.
    const evening = new Date('2025-02-20T20:00:00.000Z');
    const list = [early('3'), recent('5'), mark('5', { date: day('2025-02-10') })];
    expect(numeric(list, { now: evening }).trend?.recentAverage).toBe(5);
    expect(numeric(list, { now: evening, timeZone: 'Asia/Vladivostok' }).trend).toEqual({
      recentAverage: 5,
      earlierAverage: 4,
      direction: 'up',
    });
  });
});

describe('forecastSubject: risk', () => {
  it('flags a forecast of 2 as failing', () => {
    const result = numeric(marks('2', '2', '3'));
    expect(result.forecast).toBe(2);
    expect(result.risk).toBe('failing');
  });

  it('flags a fall of a whole mark since the last digest', () => {
    expect(numeric(marks('4', '4', '4'), { previousForecast: 5 }).risk).toBe('dropped');
    expect(numeric(marks('3', '3', '3'), { previousForecast: 5 }).risk).toBe('dropped');
  });

  it('does not flag a steady or rising forecast, nor the first one', () => {
    expect(numeric(marks('4', '4', '4'), { previousForecast: 4 }).risk).toBeNull();
    expect(numeric(marks('4', '4', '4'), { previousForecast: 3 }).risk).toBeNull();
    expect(numeric(marks('4', '4', '4')).risk).toBeNull();
    expect(numeric(marks('4', '4', '4'), { previousForecast: null }).risk).toBeNull();
  });

  it('prefers failing when a forecast fell to 2', () => {
    expect(numeric(marks('2', '2', '3'), { previousForecast: 4 }).risk).toBe('failing');
  });
});

describe('forecastSubject: only what can still happen', () => {
  it('tells how many 2s would lower it only while that many lessons are left', () => {
    // Ten 5s at weight 1: (50 + 2k) / (10 + k) < 4.5 ⇔ k > 2, so three 2s.
    const list = marks(...Array<string>(10).fill('5'));
    expect(numeric(list, { remainingLessons: 3 }).toDrop).toEqual({ target: 4, twos: 3 });
    expect(numeric(list, { remainingLessons: 2 }).toDrop).toBeNull();
    expect(numeric(list).toDrop).toEqual({ target: 4, twos: 3 });
    expect(numeric(list, { periodEndsOn: day('2025-02-19') }).toDrop).toBeNull();
  });

  it('passes on that the lessons left are an estimate, but not once none are left', () => {
    expect(numeric(marks('4', '4', '3'), { remainingLessons: 4, remainingLessonsEstimated: true }).remainingLessonsEstimated).toBe(true);
    expect(numeric(marks('4', '4', '3'), { remainingLessons: 4 }).remainingLessonsEstimated).toBe(false);
    const over = numeric(marks('4', '4', '3'), { periodEndsOn: day('2025-02-19'), remainingLessons: 4, remainingLessonsEstimated: true });
    expect(over.remainingLessonsEstimated).toBe(false);
  });
});
