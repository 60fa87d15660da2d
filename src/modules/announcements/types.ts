// The shapes the announcement functions share: what staff (or an integration) writes, who
// wrote it, and what a preview, a list row and the tracking page read.
import type { StaffPrincipal } from '../staff/staff-principal.js';
import type { ChannelType } from '../notifications/types.js';

export type AnnouncementAudience = { kind: 'school' } | { kind: 'classes'; classIds: string[] };

/** A PDF, PNG or JPEG; the type is told by the file's first bytes, not by its name. */
export interface AnnouncementAttachmentInput {
  fileName: string;
  mimeType: string;
  bytes: Buffer;
}

export interface AnnouncementInput {
  audience: AnnouncementAudience;
  text: string;
  ackRequired: boolean;
  urgent: boolean;
  /** null: now. */
  sendAt: Date | null;
  attachment?: AnnouncementAttachmentInput | null;
}

/** The command line or an e-journal's API key: the school itself speaks, like an admin. */
export interface AnnouncementActor {
  type: 'cli' | 'api';
  schoolId: string;
  /** The API key's id, for the audit log. */
  id?: string | null;
}

export type AnnouncementAuthor = StaffPrincipal | AnnouncementActor;

export function isStaffAuthor(author: AnnouncementAuthor): author is StaffPrincipal {
  return 'role' in author;
}

/** One message fits a messenger's 4000 characters with the heading, the attachment line and the button text. */
export const MAX_ANNOUNCEMENT_TEXT = 3500;
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENT_NAME = 200;
/** A scheduled announcement goes within a school year at most. */
export const MAX_SCHEDULE_DAYS = 366;
/** A reminder is sent at most once in this long, so families are not pestered by double clicks. */
export const REMINDER_INTERVAL_MS = 60 * 60 * 1000;

export interface AnnouncementPreview {
  /** Families (guardians), each counted once whatever the number of their children. */
  recipients: number;
  students: number;
  byChannel: Record<ChannelType, number>;
  /** Families whose quiet hours hold it back at the sending time (0 for an urgent one). */
  quietHoursDeferred: number;
  classes: Array<{ id: string; name: string }>;
  sendAt: Date;
}

export type AnnouncementStatusShown = 'scheduled' | 'sending' | 'sent' | 'cancelled';

export interface AnnouncementCounts {
  recipients: number;
  delivered: number;
  read: number;
  acknowledged: number;
}

export interface AnnouncementSummary {
  id: string;
  createdAt: Date;
  sendAt: Date;
  sentAt: Date | null;
  status: AnnouncementStatusShown;
  authorType: string;
  authorName: string | null;
  audience: { kind: 'school' } | { kind: 'classes'; classes: Array<{ id: string; name: string }> };
  text: string;
  textPreview: string;
  ackRequired: boolean;
  urgent: boolean;
  attachment: { fileName: string; mimeType: string; size: number } | null;
  reminders: number;
  lastRemindedAt: Date | null;
  counts: AnnouncementCounts;
}

export type FamilyDeliveryStatus = 'queued' | 'sent' | 'failed' | 'paper';

export interface FamilyTracking {
  guardianId: string;
  guardianName: string;
  studentNames: string[];
  classNames: string[];
  /** The channel it was delivered on (or is being tried on). */
  channel: ChannelType | null;
  status: FamilyDeliveryStatus;
  deliveredAt: Date | null;
  readAt: Date | null;
  /** Where it was acknowledged: a messenger, email link or the family page. */
  acknowledgedAt: Date | null;
  acknowledgedOn: ChannelType | 'web' | null;
  remindedAt: Date | null;
}

export interface AnnouncementTracking {
  announcement: AnnouncementSummary;
  timezone: string;
  families: FamilyTracking[];
  totals: AnnouncementCounts & { queued: number; failed: number; paper: number; notAcknowledged: number; unread: number };
  /** Whether a reminder may be sent now, and when the next one may be. */
  canRemind: boolean;
  nextReminderAt: Date | null;
}
