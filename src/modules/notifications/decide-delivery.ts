// Per event kind and guardian preference: send now, only in the digest, or both.
// The digest is composed from the journal tables, so "digest" needs no outbox row here.
import { CRITICAL_EVENT_TYPES, type DomainEventType } from '../events/event-types.js';

export interface PreferenceFlags {
  instantMarks: boolean;
  instantRecommendations: boolean;
  instantRisk: boolean;
  instantTimetable: boolean;
}

export const DEFAULT_PREFERENCE: PreferenceFlags = {
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
 * @param lessonDate for timetable changes, whether the lesson is today or tomorrow
 *   in the school's zone (only those are worth a message now).
 */
export function decideDelivery(type: DomainEventType, pref: PreferenceFlags, soon: boolean): Decision {
  if (isCritical(type)) return { instant: true, digest: true, critical: true };
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
