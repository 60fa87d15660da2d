// Outbox payloads are channel-agnostic: the dispatcher renders them per channel at
// send time, so a fallback to another channel carries the same content.
import type { DomainEventPayloads, DomainEventType } from '../events/event-types.js';
import type { DigestContent } from './compose-digest.js';

export type Lang = 'ru' | 'en';
export type ChannelType = 'telegram' | 'max' | 'webpush' | 'email' | 'paper';

/** What the message is about; also OutboxMessage.kind. */
export type MessageKind =
  | 'mark'
  | 'absence'
  | 'final_mark'
  | 'exam_result'
  | 'recommendation'
  | 'forecast_risk'
  | 'timetable'
  | 'digest'
  | 'teacher_summary'
  | 'announcement';

export interface EventMessagePayload<T extends DomainEventType = DomainEventType> {
  cause: string;
  lang: Lang;
  studentName: string;
  /** The school that sends it (email header); absent in rows written before it was added. */
  schoolName?: string;
  eventType: T;
  data: DomainEventPayloads[T];
  occurredAt: string;
}

export interface DigestMessagePayload {
  cause: string;
  lang: Lang;
  digest: DigestContent;
}

export interface TeacherSummaryPayload {
  cause: string;
  lang: Lang;
  to: string;
  className: string;
  date: string;
  acknowledgments: Array<{ guardianName: string; studentName: string; subject: string; at: string }>;
  inactive: Array<{ guardianName: string; studentName: string; views: number }>;
  /** The class's forecast risks of the day; absent in summaries queued before they were listed. */
  risks?: Array<{ studentName: string; subject: string; risk: 'failing' | 'dropped'; forecast: number | 'fail'; previous: number | 'pass' | null }>;
}

/** A message from the school (src/modules/announcements): the same text for every family. */
export interface AnnouncementMessagePayload {
  /** `announcement:<id>`, or `announcement:<id>:reminder:<n>` for the n-th reminder. */
  cause: string;
  /** What an acknowledgment counts for: the announcement, whichever copy or reminder was pressed. */
  ackReference: string;
  lang: Lang;
  announcementId: string;
  schoolName: string;
  /** Who wrote it, as families read it; null when it came from the e-journal or the command line. */
  authorName: string | null;
  /** The classes it was sent to, by name; empty for the whole school. */
  classNames: string[];
  text: string;
  ackRequired: boolean;
  urgent: boolean;
  /** The reminder's number; absent on the announcement itself. */
  reminder?: number;
  attachment: { fileName: string; mimeType: string; size: number } | null;
  sentAt: string;
}

export type OutboxPayload = EventMessagePayload | DigestMessagePayload | TeacherSummaryPayload | AnnouncementMessagePayload;

/** What every outbox row says about its message, whether being written or being sent. */
export interface OutboxMessageFields {
  schoolId: string;
  guardianId: string | null;
  channelId: string | null;
  channelType: ChannelType;
  kind: string;
  critical: boolean;
  payload: OutboxPayload;
}

export function isDigestPayload(p: OutboxPayload): p is DigestMessagePayload {
  return 'digest' in p;
}

export function isAnnouncementPayload(p: OutboxPayload): p is AnnouncementMessagePayload {
  return 'announcementId' in p;
}

export function isTeacherSummaryPayload(p: OutboxPayload): p is TeacherSummaryPayload {
  return 'acknowledgments' in p && 'inactive' in p;
}

export const KIND_BY_EVENT: Partial<Record<DomainEventType, MessageKind>> = {
  mark_created: 'mark',
  mark_changed: 'mark',
  mark_deleted: 'mark',
  final_mark_published: 'final_mark',
  final_mark_deferred: 'final_mark',
  exam_result: 'exam_result',
  recommendation_created: 'recommendation',
  forecast_risk: 'forecast_risk',
  timetable_changed: 'timetable',
};

/** Kinds a guardian is asked to acknowledge. */
export const ACKNOWLEDGEABLE: ReadonlySet<string> = new Set(['digest', 'final_mark', 'exam_result']);

/** Whether this message carries an Acknowledge button or link: its kind, or an announcement that asks for one. */
export function asksAcknowledgment(message: { kind: string; payload: OutboxPayload }): boolean {
  if (message.kind === 'announcement') return isAnnouncementPayload(message.payload) && message.payload.ackRequired;
  return ACKNOWLEDGEABLE.has(message.kind);
}
