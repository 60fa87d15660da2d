// Per family: where the announcement went (the channel that delivered it, or the one still
// trying), whether they read and acknowledged it, and when they were last reminded.
import type { PrismaClient } from '../../db/prisma.js';
import type { StaffPrincipal } from '../staff/staff-principal.js';
import type { ChannelType } from '../notifications/types.js';
import { authorizeAnnouncement } from './authorize-announcement.js';
import { announcementCause } from './build-outbox-rows.js';
import { countAnnouncements } from './count-announcements.js';
import { summarise, SUMMARY_SELECT } from './summarise-announcement.js';
import { REMINDER_INTERVAL_MS, type AnnouncementTracking, type FamilyDeliveryStatus, type FamilyTracking } from './types.js';

interface OutboxRow {
  guardianId: string;
  channelType: ChannelType;
  status: string;
  cause: string;
  createdAt: Date;
  sentAt: Date | null;
  updatedAt: Date;
}

interface FamilyRow {
  guardianId: string;
  guardianName: string | null;
  studentName: string;
  className: string;
}

/** Delivered beats trying beats failed; among delivered copies the first one counts. */
const RANK: Record<string, number> = { acknowledged: 0, sent: 0, sending: 1, queued: 1, failed: 2, fell_back: 3, cancelled: 4 };

export async function loadAnnouncementTracking(prisma: PrismaClient, principal: StaffPrincipal, id: string, now: Date): Promise<AnnouncementTracking> {
  const { schoolId, scope } = await authorizeAnnouncement(prisma, principal, id);
  const row = await prisma.announcement.findUniqueOrThrow({ where: { schoolId_id: { schoolId, id } }, select: { ...SUMMARY_SELECT, school: { select: { timezone: true } } } });
  const [announcement] = await summarise(prisma, [row], await countAnnouncements(prisma, schoolId, [id], scope));
  const cause = announcementCause(id);
  const outbox = await prisma.$queryRaw<OutboxRow[]>`
    SELECT "guardianId", "channelType"::text AS "channelType", status::text AS status, payload->>'cause' AS cause, "createdAt", "sentAt", "updatedAt"
      FROM outbox_messages
     WHERE "schoolId" = ${schoolId}::uuid AND kind = 'announcement' AND "guardianId" IS NOT NULL AND payload->>'announcementId' = ${id}
     ORDER BY "createdAt"`;
  const sentTo = [...new Set(outbox.map((o) => o.guardianId))];
  const families = await loadFamilies(prisma, schoolId, scope ?? (row.audience === 'school' ? null : row.classIds), sentTo);
  // A class teacher sees their own class's families only.
  const guardianIds = scope === null ? sentTo : sentTo.filter((g) => families.some((f) => f.guardianId === g));
  const [acks, reads] = await Promise.all([
    prisma.acknowledgment.findMany({ where: { guardianId: { in: guardianIds }, subject: 'announcement', reference: cause }, select: { guardianId: true, acknowledgedAt: true, channelType: true } }),
    prisma.announcementRead.findMany({ where: { announcementId: id, guardianId: { in: guardianIds } }, select: { guardianId: true, readAt: true } }),
  ]);
  const list: FamilyTracking[] = guardianIds.map((guardianId) => {
    const mine = outbox.filter((o) => o.guardianId === guardianId);
    const original = mine.filter((o) => o.cause === cause).sort((a, b) => (RANK[a.status] ?? 9) - (RANK[b.status] ?? 9) || +a.createdAt - +b.createdAt);
    const best = original[0] ?? mine[0]!;
    const delivered = best.status === 'sent' || best.status === 'acknowledged';
    const status: FamilyDeliveryStatus = best.channelType === 'paper' ? 'paper' : delivered ? 'sent' : best.status === 'queued' || best.status === 'sending' ? 'queued' : 'failed';
    const ack = acks.find((a) => a.guardianId === guardianId);
    const read = reads.find((r) => r.guardianId === guardianId);
    const readAt = [read?.readAt, ack?.acknowledgedAt].filter((d): d is Date => Boolean(d)).sort((a, b) => +a - +b)[0] ?? null;
    const reminders = mine.filter((o) => o.cause !== cause);
    const mineFamilies = families.filter((f) => f.guardianId === guardianId);
    return {
      guardianId,
      guardianName: mineFamilies[0]?.guardianName ?? '',
      studentNames: [...new Set(mineFamilies.map((f) => f.studentName))],
      classNames: [...new Set(mineFamilies.map((f) => f.className))],
      channel: best.channelType,
      status,
      deliveredAt: delivered ? (best.sentAt ?? best.updatedAt) : null,
      readAt,
      acknowledgedAt: ack?.acknowledgedAt ?? null,
      acknowledgedOn: (ack?.channelType as ChannelType | 'web' | undefined) ?? null,
      remindedAt: reminders.length ? reminders[reminders.length - 1]!.createdAt : null,
    };
  });
  list.sort((a, b) => (a.classNames[0] ?? '').localeCompare(b.classNames[0] ?? '', 'ru', { numeric: true }) || (a.studentNames[0] ?? '').localeCompare(b.studentNames[0] ?? '', 'ru'));
  const missing = list.filter((f) => (row.ackRequired ? !f.acknowledgedAt : !f.readAt) && f.status !== 'paper');
  const nextReminderAt = row.lastRemindedAt ? new Date(row.lastRemindedAt.getTime() + REMINDER_INTERVAL_MS) : null;
  return {
    announcement: announcement!,
    timezone: row.school.timezone,
    families: list,
    totals: {
      ...announcement!.counts,
      queued: list.filter((f) => f.status === 'queued').length,
      failed: list.filter((f) => f.status === 'failed').length,
      paper: list.filter((f) => f.status === 'paper').length,
      notAcknowledged: row.ackRequired ? list.filter((f) => !f.acknowledgedAt).length : 0,
      unread: list.filter((f) => !f.readAt).length,
    },
    canRemind: row.status === 'sent' && missing.length > 0 && (!nextReminderAt || nextReminderAt <= now),
    nextReminderAt: nextReminderAt && nextReminderAt > now ? nextReminderAt : null,
  };
}

/** Each guardian's children the announcement was about (its classes, or the whole school). */
async function loadFamilies(prisma: PrismaClient, schoolId: string, classIds: string[] | null, guardianIds: string[]): Promise<FamilyRow[]> {
  if (guardianIds.length === 0) return [];
  return prisma.$queryRaw<FamilyRow[]>`
    SELECT g.id AS "guardianId", g."fullName" AS "guardianName", st."fullName" AS "studentName", c.name AS "className"
      FROM guardians g JOIN guardian_students gs ON gs."guardianId" = g.id
      JOIN students st ON st.id = gs."studentId" JOIN classes c ON c.id = st."classId"
     WHERE g.id = ANY (${guardianIds}::uuid[]) AND st."schoolId" = ${schoolId}::uuid
       AND (${classIds === null}::boolean OR st."classId" = ANY (${classIds ?? []}::uuid[]))
     ORDER BY c.grade, c.name, st."fullName"`;
}
