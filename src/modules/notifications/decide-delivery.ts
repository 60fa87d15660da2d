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
