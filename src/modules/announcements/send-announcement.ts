// Sends a due announcement: writes its outbox rows (one per guardian and chosen channel;
// the idempotency key makes a replay write none) and marks it sent, in the caller's
// transaction. From here delivery is the dispatchers' like every other message: fallbacks,
// paper, retries.
import type { Queryable } from '../../db/prisma-queryable.js';
import { insertOutbox } from '../notifications/insert-outbox.js';
import type { ChannelType } from '../notifications/types.js';
import { buildOutboxRows, type AnnouncementContent } from './build-outbox-rows.js';
import { collectRecipients } from './collect-recipients.js';

export interface SendResult {
  recipients: number;
  byChannel: Record<ChannelType, number>;
  messages: number;
  deferred: number;
}

export interface AnnouncementRow {
  id: string;
  schoolId: string;
  status: string;
  audience: string;
  classIds: string[];
  text: string;
  ackRequired: boolean;
  urgent: boolean;
  authorName: string | null;
  timezone: string;
  fileName: string | null;
  mimeType: string | null;
  size: number | null;
}

/** The announcement's classes now: for the whole school, every class it has at sending time. */
export async function announcementClasses(q: Queryable, a: { schoolId: string; audience: string; classIds: string[] }): Promise<Array<{ id: string; name: string }>> {
  const { rows } = await q.query<{ id: string; name: string }>(
    `SELECT id, name FROM classes WHERE "schoolId" = $1::uuid AND ($2::text = 'school' OR id = ANY($3::uuid[])) ORDER BY grade, name`,
    [a.schoolId, a.audience, a.classIds],
  );
  return rows;
}

export function toContent(a: AnnouncementRow, classes: Array<{ name: string }>): AnnouncementContent {
  return {
    id: a.id,
    schoolId: a.schoolId,
    authorName: a.authorName,
    classNames: a.audience === 'school' ? [] : classes.map((c) => c.name),
    text: a.text,
    ackRequired: a.ackRequired,
    urgent: a.urgent,
    attachment: a.fileName && a.mimeType ? { fileName: a.fileName, mimeType: a.mimeType, size: a.size ?? 0 } : null,
  };
}

/** Locks the row; returns null when it is not (or no longer) scheduled: sent by another worker, or cancelled. */
export async function lockAnnouncement(q: Queryable, id: string): Promise<AnnouncementRow | null> {
  const { rows } = await q.query<AnnouncementRow>(
    `SELECT a.id, a."schoolId", a.status::text AS status, a.audience, a."classIds", a.text, a."ackRequired", a.urgent, a."authorName",
            s.timezone, f."fileName", f."mimeType", f.size
       FROM announcements a JOIN schools s ON s.id = a."schoolId"
       LEFT JOIN announcement_attachments f ON f."schoolId" = a."schoolId" AND f."announcementId" = a.id
      WHERE a.id = $1::uuid
      FOR UPDATE OF a`,
    [id],
  );
  return rows[0] ?? null;
}

export async function sendAnnouncement(q: Queryable, id: string, now: Date, actor: { type: string; id: string | null }): Promise<SendResult | null> {
  const a = await lockAnnouncement(q, id);
  if (!a || a.status !== 'scheduled') return null;
  const classes = await announcementClasses(q, a);
  const recipients = await collectRecipients(q, classes.map((c) => c.id));
  const built = buildOutboxRows(toContent(a, classes), recipients, now, a.timezone);
  const messages = await insertOutbox(q, built.rows);
  await q.query(`UPDATE announcements SET status = 'sent', "sentAt" = $2::timestamptz, "updatedAt" = $2::timestamptz WHERE "schoolId" = $3::uuid AND id = $1::uuid`, [id, now.toISOString(), a.schoolId]);
  const details = { classes: classes.length, classNames: a.audience === 'school' ? [] : classes.map((c) => c.name), recipients: recipients.length, byChannel: built.byChannel, urgent: a.urgent, ackRequired: a.ackRequired };
  await q.query(
    `INSERT INTO audit_log ("schoolId", "actorType", "actorId", action, "targetType", "targetId", details, "createdAt")
     VALUES ($1::uuid, $2, $3, 'announcement.send', 'announcement', $4, $5::jsonb, $6::timestamptz)`,
    [a.schoolId, actor.type, actor.id, id, JSON.stringify(details), now.toISOString()],
  );
  return { recipients: recipients.length, byChannel: built.byChannel, messages, deferred: built.deferred };
}
