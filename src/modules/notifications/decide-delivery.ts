// Per event kind and guardian preference: send now, only in the digest, or both.
// The digest is composed from the journal tables, so "digest" needs no outbox row here.
import { CRITICAL_EVENT_TYPES, type DomainEventType } from '../events/event-types.js';
import type { AbsenceNews } from './classify-absence.js';

export interface PreferenceFlags {
  /** Same-day absence alert; rows loaded before the column existed count as on. */
  instantAbsences?: boolean;
  instantMarks: boolean;
  instantRecommendations: boolean;
  instantRisk: boolean;
  instantTimetable: boolean;
}

export const DEFAULT_PREFERENCE: PreferenceFlags = {
  instantAbsences: true,
  instantMarks: false,
  instantRecommendations: false,
  instantRisk: true,
  instantTimetable: true,
};

export interface Decision {
  instant: boolean;
  digest: boolean;
  critical: boolean;
}

export function isCritical(type: string): boolean {
  return (CRITICAL_EVENT_TYPES as readonly string[]).includes(type);
}

/**
 * @param soon for timetable changes, whether the lesson is today or tomorrow
 *   in the school's zone (only those are worth a message now).
 * @param absence for mark events, whether they tell of an absence (classifyAbsence): a new
 *   one follows the absence preference, one already told is not sent again.
 */
export function decideDelivery(type: DomainEventType, pref: PreferenceFlags, soon: boolean, absence?: AbsenceNews): Decision {
  if (isCritical(type)) return { instant: true, digest: true, critical: true };
  if (absence === 'new') return { instant: pref.instantAbsences ?? true, digest: true, critical: false };
  if (absence === 'already_told') return { instant: false, digest: true, critical: false };
  switch (type) {
    case 'mark_created':
    case 'mark_changed':
    case 'mark_deleted':
      return { instant: pref.instantMarks, digest: true, critical: false };
    case 'recommendation_created':
      return { instant: pref.instantRecommendations, digest: true, critical: false };
    case 'forecast_risk':
      return { instant: pref.instantRisk, digest: true, critical: false };
    case 'timetable_changed':
      return { instant: soon && pref.instantTimetable, digest: true, critical: false };
    default:
      return { instant: false, digest: true, critical: false };
  }
}

/** The preference flags in the bit order of a combination's number (loadRecipients computes the same). */
export const PREFERENCE_FLAGS = ['instantAbsences', 'instantMarks', 'instantRecommendations', 'instantRisk', 'instantTimetable'] as const;

/**
 * Which of the 32 combinations of preference flags make this message instant: bit c is set
 * when the guardian whose flags spell c gets it now. The planner then loads only guardians
 * who get something, and decideDelivery stays the one place that decides.
 */
export function instantCombinations(type: DomainEventType, soon: boolean, absence?: AbsenceNews): number {
  const key = `${type}|${soon}|${absence ?? ''}`;
  const known = COMBINATIONS.get(key);
  if (known !== undefined) return known;
  let mask = 0;
  for (let combination = 0; combination < 2 ** PREFERENCE_FLAGS.length; combination += 1) {
    const pref = Object.fromEntries(PREFERENCE_FLAGS.map((flag, bit) => [flag, (combination & (1 << bit)) !== 0])) as unknown as PreferenceFlags;
    if (decideDelivery(type, pref, soon, absence).instant) mask += 2 ** combination;
  }
  COMBINATIONS.set(key, mask);
  return mask;
}

const COMBINATIONS = new Map<string, number>();
