import { createForecastContext, type ForecastContext } from './create-forecast-context.js';
import { forecastSubjectWith } from './forecast-subject.js';
import type { ForecastTime, SubjectForecast, SubjectInput } from './types.js';

export interface StudentSubjectInput extends SubjectInput {
  readonly subjectId: string;
}

export interface ForecastStudentInput extends ForecastTime {
  readonly subjects: readonly StudentSubjectInput[];
}

export interface SubjectForecastEntry {
  readonly subjectId: string;
  readonly forecast: SubjectForecast;
}

/** Forecasts for all of a student's subjects, in the order given. */
export function forecastStudent(input: ForecastStudentInput): SubjectForecastEntry[] {
  return forecastStudentWith(createForecastContext(input), input.subjects);
}

/** Same as `forecastStudent` with a context shared by many students (one school, one moment). */
export function forecastStudentWith(
  context: ForecastContext,
  subjects: readonly StudentSubjectInput[],
): SubjectForecastEntry[] {
  const entries = new Array<SubjectForecastEntry>(subjects.length);
  for (let i = 0; i < subjects.length; i++) {
    const subject = subjects[i]!;
    entries[i] = { subjectId: subject.subjectId, forecast: forecastSubjectWith(context, subject) };
  }
  return entries;
}
