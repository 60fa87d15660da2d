// The outbox rows of an announcement (or of one reminder): one per guardian and channel
// chosen exactly as for every other message (choose-channels), held by the family's quiet
// hours unless it is urgent. The preview counts the same rows without writing them.
import { chooseChannels } from '../notifications/choose-channels.js';
import type { NewOutboxRow } from '../notifications/insert-outbox.js';
import { quietHoursEnd } from '../notifications/quiet-hours.js';
import type { AnnouncementMessagePayload, ChannelType } from '../notifications/types.js';
import type { AnnouncementRecipient } from './collect-recipients.js';

export interface AnnouncementContent {
  id: string;
  schoolId: string;
  authorName: string | null;
  classNames: string[];
  text: string;
  ackRequired: boolean;
  urgent: boolean;
  attachment: AnnouncementMessagePayload['attachment'];
}

export interface BuiltRows {
  rows: NewOutboxRow[];
  byChannel: Record<ChannelType, number>;
  /** Guardians whose quiet hours hold the message back. */
  deferred: number;
}

export const announcementCause = (id: string) => `announcement:${id}`;
export const reminderCause = (id: string, n: number) => `announcement:${id}:reminder:${n}`;

export function emptyByChannel(): Record<ChannelType, number> {
  return { telegram: 0, max: 0, webpush: 0, email: 0, paper: 0 };
}

export function buildOutboxRows(
  content: AnnouncementContent,
  recipients: readonly AnnouncementRecipient[],
  at: Date,
  timezone: string,
  options: { reminder?: number; skipPaper?: boolean } = {},
): BuiltRows {
  const rows: NewOutboxRow[] = [];
  const byChannel = emptyByChannel();
  let deferred = 0;
  const cause = options.reminder ? reminderCause(content.id, options.reminder) : announcementCause(content.id);
  for (const r of recipients) {
    const channels = chooseChannels(r.channels);
    // A reminder on paper would only print the same page twice: the batch carries the announcement.
    if (options.skipPaper && channels.every((c) => c.type === 'paper')) continue;
    const quietEnd = content.urgent ? undefined : quietHoursEnd(at, r.quietFrom, r.quietTo, timezone);
    if (quietEnd) deferred += 1;
    const payload: AnnouncementMessagePayload = {
      cause,
      ackReference: announcementCause(content.id),
      lang: r.lang,
      announcementId: content.id,
      schoolName: r.schoolName,
      authorName: content.authorName,
      classNames: content.classNames,
      text: content.text,
      ackRequired: content.ackRequired,
      urgent: content.urgent,
      ...(options.reminder ? { reminder: options.reminder } : {}),
      attachment: content.attachment,
      sentAt: at.toISOString(),
    };
    for (const channel of channels) {
      byChannel[channel.type] += 1;
      rows.push({
        schoolId: content.schoolId,
        guardianId: r.guardianId,
        channelId: channel.channelId,
        channelType: channel.type,
        kind: 'announcement',
        critical: false,
        payload,
        nextAttemptAt: quietEnd ?? at,
        deadlineAt: null,
        eventIds: [],
      });
    }
  }
  return { rows, byChannel, deferred };
}
