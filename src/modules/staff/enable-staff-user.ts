import type { PrismaClient } from '../../db/prisma.js';
import { auditTarget, findTarget, lockSchoolStaff, teacherClass, type StaffActor, type StaffTarget } from './staff-change-guards.js';
import type { StaffStateChange } from './disable-staff-user.js';

/**
 * Enables a disabled account again. A teacher whose class got another class teacher in the
 * meantime is refused (CONFLICT): move one of them to another class first.
 */
export async function enableStaffUser(prisma: PrismaClient, input: { schoolId: string; target: StaffTarget; actor: StaffActor }, now: Date): Promise<StaffStateChange> {
  return prisma.$transaction(async (tx) => {
    await lockSchoolStaff(tx, input.schoolId);
    const user = await findTarget(tx, input.schoolId, input.target);
    if (!user.disabledAt) return { id: user.id, email: user.email, changed: false };
    if (user.role === 'teacher' && user.classId) await teacherClass(tx, user.schoolId, { classId: user.classId }, user.id);
    await tx.staffUser.update({ where: { id: user.id }, data: { disabledAt: null } });
    await tx.auditLog.create({
      data: { schoolId: user.schoolId, actorType: input.actor.type, actorId: input.actor.id ?? null, action: 'staff.enable', targetType: 'staff_user', targetId: user.id, details: auditTarget(user), createdAt: now },
    });
    return { id: user.id, email: user.email, changed: true };
  });
}
