// Forecast of final marks (regulation R6): a pure domain module. Callers load
// marks and school settings and pass them in together with the moment.
export {
  AVERAGE_EPSILON,
  DEFAULT_MARK_WEIGHTS,
  DEFAULT_ROUNDING_THRESHOLD,
  FORECAST_NOTE_KEY,
  MIN_MARKS_FOR_FORECAST,
  PASS_SHARE,
  TREND_FLAT_BAND,
  TREND_WINDOW_DAYS,
} from './constants.js';
export { createForecastContext, type ForecastContext } from './create-forecast-context.js';
export { assessForecastChange, type ForecastChange } from './assess-forecast-change.js';
export { estimateRemainingLessons } from './estimate-remaining-lessons.js';
export type { RemainingLessons, RemainingLessonsInput, TimetableLesson } from './estimate-remaining-lessons.js';
export { forecastStudent, forecastStudentWith } from './forecast-student.js';
export { addToTotals, emptyTotals, type ForecastTotals } from './add-to-totals.js';
export { forecastFromTotals } from './forecast-from-totals.js';
export { forecastValue, type ForecastValue } from './forecast-value.js';
export type { ForecastStudentInput, StudentSubjectInput, SubjectForecastEntry } from './forecast-student.js';
export { forecastSubject, forecastSubjectWith } from './forecast-subject.js';
export { isPassing, marksToDrop, marksToReach, passesToPass, type WeightedTotals } from './marks-needed.js';
export { readSchoolRules, type SchoolRuleColumns } from './read-school-rules.js';
export { resolveMarkWeight } from './resolve-mark-weight.js';
export { assertRoundingThreshold, roundMark } from './round-mark.js';
export type * from './types.js';
