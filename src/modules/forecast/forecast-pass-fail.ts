import { MIN_MARKS_FOR_FORECAST } from './constants.js';
import { isPassing, passesToPass } from './marks-needed.js';
import type { LessonsLeft } from './forecast-numeric.js';
import type { MarkSummary } from './summarize-marks.js';
import type { InsufficientForecast, PassFailForecast, ToPass } from './types.js';

/** Pass/fail forecast: a pass while at least half the weight of «зач»/«незач» marks is «зач». */
export function forecastPassFail(summary: MarkSummary, lessons: LessonsLeft): PassFailForecast | InsufficientForecast {
  const { remainingLessons } = lessons;
  const marksCount = summary.passCount + summary.failCount;
  if (marksCount < MIN_MARKS_FOR_FORECAST) {
    return { kind: 'insufficient', marksCount, marksRequired: MIN_MARKS_FOR_FORECAST };
  }
  const usualWeight = summary.passFailUsualWeight;
  const passing = isPassing(summary.passWeight, summary.failWeight);
  let toPass: ToPass | null = null;
  if (!passing) {
    const passes = passesToPass(summary.passWeight, summary.failWeight, usualWeight);
    toPass = { passes, reachable: remainingLessons === null || passes <= remainingLessons };
  }
  return {
    kind: 'pass_fail',
    forecast: passing ? 'pass' : 'fail',
    marksCount,
    passed: summary.passCount,
    failed: summary.failCount,
    usualWeight,
    ...lessons,
    toPass,
    // Any fail is the most urgent message already, so there is no separate "dropped" for pass/fail.
    risk: passing ? null : 'failing',
  };
}
