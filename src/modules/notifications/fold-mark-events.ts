// Grace window: several changes of one mark inside the window become one message in
// the mark's final form; a mark created and deleted inside it becomes none.
import type { MarkEventPayload } from '../events/event-types.js';

export interface MarkEvent {
  id: bigint;
  type: 'mark_created' | 'mark_changed' | 'mark_deleted';
  payload: MarkEventPayload;
}

export function foldMarkEvents(events: readonly MarkEvent[]): { type: MarkEvent['type']; payload: MarkEventPayload } | undefined {
  const first = events[0];
  const last = events[events.length - 1];
  if (!first || !last) return undefined;
  if (first.type === 'mark_created') {
    if (last.type === 'mark_deleted') return undefined;
    return { type: 'mark_created', payload: { ...last.payload, previousValue: undefined } };
  }
  // Parents were told the value before the first change.
  const told = first.payload.previousValue;
  if (last.type === 'mark_deleted') return { type: 'mark_deleted', payload: { ...last.payload, previousValue: told ?? last.payload.value } };
  if (told !== undefined && told === last.payload.value) return undefined;
  return { type: 'mark_changed', payload: { ...last.payload, previousValue: told } };
}
