// Withdraws a scheduled announcement before it goes. Once sent it cannot be called back:
// messages already in families' chats stay there.
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../lib/app-error.js';
import type { StaffPrincipal } from '../staff/staff-principal.js';
import { authorizeAnnouncement } from './authorize-announcement.js';

export async function cancelAnnouncement(prisma: PrismaClient, principal: StaffPrincipal, id: string, now: Date): Promise<{ id: string; status: 'cancelled' }> {
  const { schoolId, whole } = await authorizeAnnouncement(prisma, principal, id);
  // One sent to other classes too is not a class teacher's to withdraw.
  if (!whole) throw new AppError('FORBIDDEN', 'only a school administrator may cancel an announcement to other classes too', { field: 'cancel', reason: 'not_own' });
  return prisma.$transaction(async (tx) => {
    // Only while still scheduled: the planner locks the row when it sends, so the two never both win.
    const changed = await tx.announcement.updateMany({ where: { schoolId, id, status: 'scheduled' }, data: { status: 'cancelled', cancelledAt: now } });
    if (changed.count === 0) {
      const current = await tx.announcement.findUniqueOrThrow({ where: { schoolId_id: { schoolId, id } }, select: { status: true } });
      throw new AppError('CONFLICT', current.status === 'cancelled' ? 'the announcement is already cancelled' : 'the announcement has already been sent', {
        field: 'cancel',
        reason: current.status === 'cancelled' ? 'already_cancelled' : 'already_sent',
      });
    }
    await tx.auditLog.create({
      data: { schoolId, actorType: principal.role, actorId: principal.id, action: 'announcement.cancel', targetType: 'announcement', targetId: id, createdAt: now },
    });
    return { id, status: 'cancelled' as const };
  });
}
