import { createForecastContext, type ForecastContext } from './create-forecast-context.js';
import { forecastNumeric } from './forecast-numeric.js';
import { forecastPassFail } from './forecast-pass-fail.js';
import { summarizeMarks } from './summarize-marks.js';
import type { ForecastSubjectInput, SubjectForecast, SubjectInput } from './types.js';

/**
 * Forecast of one subject's final mark for the period. Pure: the marks, the
 * school's rules and the moment are all passed in.
 */
export function forecastSubject(input: ForecastSubjectInput): SubjectForecast {
  return forecastSubjectWith(createForecastContext(input), input);
}

/** Same as `forecastSubject` with a context prepared once for many subjects. */
export function forecastSubjectWith(context: ForecastContext, subject: SubjectInput): SubjectForecast {
  const summary = summarizeMarks(subject.marks, context.rules.markWeights, context.recentSinceMs);
  // Without a subject setting, a subject is pass/fail only when it has no numeric marks at all:
  // a stray «зач» in a numeric subject must not hide its average.
  const grading =
    subject.grading ??
    (summary.numericCount === 0 && summary.passCount + summary.failCount > 0 ? 'pass_fail' : 'numeric');
  const remainingLessons = lessonsLeft(context, subject.remainingLessons);
  const lessons = { remainingLessons, remainingLessonsEstimated: remainingLessons !== null && remainingLessons > 0 && subject.remainingLessonsEstimated === true };
  return grading === 'pass_fail'
    ? forecastPassFail(summary, lessons)
    : forecastNumeric(summary, context.rules.roundingThreshold, lessons, subject.previousForecast);
}

/** Lessons still able to bring marks: none once the period is over; unknown stays unknown. */
function lessonsLeft(context: ForecastContext, given: number | null | undefined): number | null {
  if (context.periodOver) return 0;
  if (typeof given !== 'number' || !Number.isFinite(given)) return null;
  return given > 0 ? Math.floor(given) : 0;
}
