// Whether a mark event tells of a new absence («н»), for the same-day absence alert.
// A lesson already marked absent is not news again: a change that keeps «н» (a comment
// edited, the e-journal re-sending the row with another weight) sends nothing.
import type { DomainEventType, MarkEventPayload } from '../events/event-types.js';
import { isAbsence } from './count-absences.js';

export type AbsenceNews = 'new' | 'already_told' | undefined;

export function classifyAbsence(type: DomainEventType, payload: unknown): AbsenceNews {
  if (type !== 'mark_created' && type !== 'mark_changed') return undefined;
  const mark = payload as MarkEventPayload;
  if (!isAbsence(mark.value)) return undefined;
  if (type === 'mark_changed' && mark.previousValue !== undefined && isAbsence(mark.previousValue)) return 'already_told';
  return 'new';
}
