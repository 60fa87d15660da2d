// An announcement row as the list and the tracking page show it: its classes by name, a
// short preview of the text, and the status families would recognise ("sending" while any
// electronic copy is still queued).
import type { PrismaClient } from '../../db/prisma.js';
import type { AnnouncementCounts, AnnouncementStatusShown, AnnouncementSummary } from './types.js';

const PREVIEW_CHARS = 140;

export const SUMMARY_SELECT = {
  id: true,
  schoolId: true,
  createdAt: true,
  sendAt: true,
  sentAt: true,
  status: true,
  authorType: true,
  authorId: true,
  authorName: true,
  audience: true,
  classIds: true,
  text: true,
  ackRequired: true,
  urgent: true,
  reminders: true,
  lastRemindedAt: true,
  attachment: { select: { fileName: true, mimeType: true, size: true } },
} as const;

type Selected = {
  id: string;
  schoolId: string;
  createdAt: Date;
  sendAt: Date;
  sentAt: Date | null;
  status: 'scheduled' | 'sent' | 'cancelled';
  authorType: string;
  authorId: string | null;
  authorName: string | null;
  audience: string;
  classIds: string[];
  text: string;
  ackRequired: boolean;
  urgent: boolean;
  reminders: number;
  lastRemindedAt: Date | null;
  attachment: { fileName: string; mimeType: string; size: number } | null;
};

export function textPreview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > PREVIEW_CHARS ? `${flat.slice(0, PREVIEW_CHARS - 1).trimEnd()}…` : flat;
}

const NO_COUNTS: AnnouncementCounts = { recipients: 0, delivered: 0, read: 0, acknowledged: 0 };

export async function summarise(prisma: PrismaClient, rows: readonly Selected[], counts: Map<string, AnnouncementCounts>): Promise<AnnouncementSummary[]> {
  const classIds = [...new Set(rows.flatMap((r) => r.classIds))];
  const classes = classIds.length ? await prisma.schoolClass.findMany({ where: { id: { in: classIds } }, select: { id: true, name: true } }) : [];
  const names = new Map(classes.map((c) => [c.id, c.name]));
  // Staff see who wrote it even when the author has no name: their email address.
  const unnamed = [...new Set(rows.filter((r) => !r.authorName && r.authorId && (r.authorType === 'admin' || r.authorType === 'teacher')).map((r) => r.authorId as string))];
  const staff = unnamed.length ? await prisma.staffUser.findMany({ where: { id: { in: unnamed } }, select: { id: true, email: true } }) : [];
  const emails = new Map(staff.map((s) => [s.id, s.email]));
  const pending = await pendingElectronic(prisma, rows.filter((r) => r.status === 'sent').map((r) => r.id));
  return rows.map((r) => {
    const status: AnnouncementStatusShown = r.status === 'sent' && pending.has(r.id) ? 'sending' : r.status;
    return {
      id: r.id,
      createdAt: r.createdAt,
      sendAt: r.sendAt,
      sentAt: r.sentAt,
      status,
      authorType: r.authorType,
      authorName: r.authorName ?? (r.authorId ? (emails.get(r.authorId) ?? null) : null),
      audience:
        r.audience === 'school'
          ? { kind: 'school' }
          : { kind: 'classes', classes: r.classIds.map((id) => ({ id, name: names.get(id) ?? '' })).sort((a, b) => a.name.localeCompare(b.name, 'ru', { numeric: true })) },
      text: r.text,
      textPreview: textPreview(r.text),
      ackRequired: r.ackRequired,
      urgent: r.urgent,
      attachment: r.attachment,
      reminders: r.reminders,
      lastRemindedAt: r.lastRemindedAt,
      counts: counts.get(r.id) ?? NO_COUNTS,
    };
  });
}

/** Announcements with a chat, push or email copy not yet sent (paper waits for its batch and does not count). */
async function pendingElectronic(prisma: PrismaClient, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await prisma.$queryRaw<Array<{ id: string }>>`
    SELECT DISTINCT payload->>'announcementId' AS id FROM outbox_messages
     WHERE kind = 'announcement' AND status IN ('queued', 'sending') AND "channelType" <> 'paper'
       AND payload->>'announcementId' = ANY (${ids}::text[])`;
  return new Set(rows.map((r) => r.id));
}
