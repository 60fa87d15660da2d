import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../lib/app-error.js';
import { assertAnotherAdmin, auditTarget, findTarget, lockSchoolStaff, type StaffActor, type StaffTarget } from './staff-change-guards.js';

export interface StaffStateChange {
  id: string;
  email: string;
  /** False when the account already was in the asked state (nothing written). */
  changed: boolean;
}

/**
 * Disables an account: every session ends at once, and login, password reset and the
 * invitation refuse it (they check disabledAt). Neither yourself nor the school's last
 * active admin can be disabled, so a school is never locked out of its own staff room.
 */
export async function disableStaffUser(prisma: PrismaClient, input: { schoolId: string; target: StaffTarget; actor: StaffActor }, now: Date): Promise<StaffStateChange> {
  return prisma.$transaction(async (tx) => {
    await lockSchoolStaff(tx, input.schoolId);
    const user = await findTarget(tx, input.schoolId, input.target);
    if (user.disabledAt) return { id: user.id, email: user.email, changed: false };
    if (input.actor.id === user.id) throw new AppError('FORBIDDEN', 'you cannot disable your own account', { field: 'user', reason: 'self' });
    await assertAnotherAdmin(tx, user);
    await tx.staffUser.update({ where: { id: user.id }, data: { disabledAt: now } });
    await tx.staffSession.deleteMany({ where: { userId: user.id } });
    await tx.auditLog.create({
      data: { schoolId: user.schoolId, actorType: input.actor.type, actorId: input.actor.id ?? null, action: 'staff.disable', targetType: 'staff_user', targetId: user.id, details: auditTarget(user), createdAt: now },
    });
    return { id: user.id, email: user.email, changed: true };
  });
}
