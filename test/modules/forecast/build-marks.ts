import type {
  ForecastMark,
  ForecastRules,
  ForecastSubjectInput,
  NumericForecast,
  SubjectForecast,
} from '../../../src/modules/forecast/index.js';
import { DEFAULT_MARK_WEIGHTS, forecastSubject } from '../../../src/modules/forecast/index.js';

/** A calendar date as the database returns it: UTC midnight. */
export function day(iso: string): Date {
  return new Date(`${iso}T00:00:00.000Z`);
}

export const EARLY = day('2025-01-20');

/** A mark at the usual weight 1, dated early in the period unless told otherwise. */
export function mark(value: string, extra: Partial<ForecastMark> = {}): ForecastMark {
  return { value, weight: 1, kind: 'answer', date: EARLY, deleted: false, ...extra };
}

export function marks(...values: string[]): ForecastMark[] {
  return values.map((value) => mark(value));
}

export function rules(roundingThreshold = 0.5): ForecastRules {
  return { roundingThreshold, markWeights: DEFAULT_MARK_WEIGHTS };
}

/** A moment in the middle of the third quarter and its last day. */
export const NOW = new Date('2025-02-20T09:00:00.000Z');
export const PERIOD_ENDS_ON = day('2025-03-21');

/** Forecast with the default school rules at NOW; `extra` overrides any input. */
export function forecast(list: readonly ForecastMark[], extra: Partial<ForecastSubjectInput> = {}): SubjectForecast {
  return forecastSubject({ marks: list, rules: rules(), now: NOW, periodEndsOn: PERIOD_ENDS_ON, ...extra });
}

/** Same, insisting on a numeric forecast so tests can read its fields. */
export function numeric(list: readonly ForecastMark[], extra: Partial<ForecastSubjectInput> = {}): NumericForecast {
  const result = forecast(list, extra);
  if (result.kind !== 'numeric') throw new Error(`expected a numeric forecast, got ${result.kind}`);
  return result;
}
