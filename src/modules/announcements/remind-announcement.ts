// A reminder to the families who have not acknowledged the announcement (or not read it,
// when no acknowledgment was asked for): new outbox rows under the reminder's own number,
// so a double click or a replay never sends one twice, and never more than one an hour.
import type { PrismaClient } from '../../db/prisma.js';
import { prismaQueryable } from '../../db/prisma-queryable.js';
import { AppError } from '../../lib/app-error.js';
import { insertOutbox } from '../notifications/insert-outbox.js';
import type { StaffPrincipal } from '../staff/staff-principal.js';
import { authorizeAnnouncement } from './authorize-announcement.js';
import { announcementCause, buildOutboxRows } from './build-outbox-rows.js';
import { collectRecipients } from './collect-recipients.js';
import { announcementClasses, lockAnnouncement, toContent } from './send-announcement.js';
import { REMINDER_INTERVAL_MS } from './types.js';

export interface ReminderResult {
  reminded: number;
  reminder: number;
}

export async function remindAnnouncement(prisma: PrismaClient, principal: StaffPrincipal, id: string, now: Date): Promise<ReminderResult> {
  const { scope } = await authorizeAnnouncement(prisma, principal, id);
  return prisma.$transaction(async (tx) => {
    const q = prismaQueryable(tx);
    const a = await lockAnnouncement(q, id);
    if (!a) throw new AppError('NOT_FOUND', 'no such announcement');
    if (a.status !== 'sent') throw new AppError('CONFLICT', 'the announcement has not been sent yet', { field: 'remind', reason: 'not_sent', status: a.status });
    const state = await tx.announcement.findUniqueOrThrow({ where: { schoolId_id: { schoolId: a.schoolId, id } }, select: { reminders: true, lastRemindedAt: true } });
    if (state.lastRemindedAt && now.getTime() - state.lastRemindedAt.getTime() < REMINDER_INTERVAL_MS) {
      const nextAt = new Date(state.lastRemindedAt.getTime() + REMINDER_INTERVAL_MS);
      throw new AppError('RATE_LIMITED', 'a reminder was sent less than an hour ago', { field: 'remind', reason: 'too_soon', nextAt: nextAt.toISOString() });
    }
    const cause = announcementCause(id);
    // Those it was sent to who have not done what was asked: acknowledged it, or (no acknowledgment asked) read it.
    const { rows: missing } = await q.query<{ guardianId: string }>(
      `SELECT DISTINCT o."guardianId" FROM outbox_messages o
        WHERE o."schoolId" = $1::uuid AND o.kind = 'announcement' AND o.payload->>'cause' = $2 AND o."guardianId" IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM acknowledgments k WHERE k."guardianId" = o."guardianId" AND k.subject = 'announcement' AND k.reference = $2)
          AND ($3::boolean OR NOT EXISTS (SELECT 1 FROM announcement_reads r WHERE r."announcementId" = $4::uuid AND r."guardianId" = o."guardianId"))`,
      [a.schoolId, cause, a.ackRequired, id],
    );
    const wanted = new Set(missing.map((m) => m.guardianId));
    const classes = await announcementClasses(q, a);
    // A class teacher reminds their own class's families; the message itself stays as it was sent.
    const reach = scope === null ? classes : classes.filter((c) => scope.includes(c.id));
    const recipients = (await collectRecipients(q, reach.map((c) => c.id))).filter((r) => wanted.has(r.guardianId));
    const reminder = state.reminders + 1;
    const built = buildOutboxRows(toContent(a, classes), recipients, now, a.timezone, { reminder, skipPaper: true });
    await insertOutbox(q, built.rows);
    const reminded = new Set(built.rows.map((r) => r.guardianId)).size;
    if (reminded === 0) throw new AppError('CONFLICT', 'every family has already acknowledged or read it', { field: 'remind', reason: 'nobody_missing' });
    await tx.announcement.update({ where: { schoolId_id: { schoolId: a.schoolId, id } }, data: { reminders: reminder, lastRemindedAt: now } });
    await tx.auditLog.create({
      data: {
        schoolId: a.schoolId,
        actorType: principal.role,
        actorId: principal.id,
        action: 'announcement.remind',
        targetType: 'announcement',
        targetId: id,
        details: { reminder, recipients: reminded, byChannel: built.byChannel },
        createdAt: now,
      },
    });
    return { reminded, reminder };
  });
}
