import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../lib/app-error.js';
import { STAFF_NAME_MAX } from './staff-status.js';
import { assertAnotherAdmin, auditTarget, findTarget, lockSchoolStaff, teacherClass, type ClassChoice, type StaffActor, type StaffTarget } from './staff-change-guards.js';

export interface UpdateStaffUserInput {
  schoolId: string;
  target: StaffTarget;
  actor: StaffActor;
  role?: 'admin' | 'teacher';
  /** The class a teacher leads; required when the account becomes a teacher. */
  class?: ClassChoice;
  /** The full name; an empty one clears it (the email is shown instead). */
  fullName?: string;
}

export interface UpdatedStaffUser {
  id: string;
  email: string;
  role: 'admin' | 'teacher';
  classId: string | null;
  fullName: string | null;
  changed: boolean;
}

/**
 * Changes role, class or name. A teacher always has a class and an admin none; a class has
 * one class teacher; an admin cannot change their own role, nor demote the last active admin.
 */
export async function updateStaffUser(prisma: PrismaClient, input: UpdateStaffUserInput, now: Date): Promise<UpdatedStaffUser> {
  const fullName = input.fullName === undefined ? undefined : input.fullName.trim().replace(/\s+/g, ' ') || null;
  if (fullName && fullName.length > STAFF_NAME_MAX) throw new AppError('INVALID_INPUT', `the name is longer than ${STAFF_NAME_MAX} characters`, { field: 'name', reason: 'nameTooLong' });
  return prisma.$transaction(async (tx) => {
    await lockSchoolStaff(tx, input.schoolId);
    const user = await findTarget(tx, input.schoolId, input.target);
    const role = input.role ?? user.role;
    if (role !== user.role && input.actor.id === user.id) throw new AppError('FORBIDDEN', 'you cannot change your own role', { field: 'role', reason: 'selfRole' });
    if (role === 'admin' && input.class) throw new AppError('INVALID_INPUT', 'an admin has no class: leave --class out', { field: 'class', reason: 'classForAdmin' });
    if (user.role === 'admin' && role === 'teacher' && !user.disabledAt) await assertAnotherAdmin(tx, user);
    let classId: string | null = null;
    let className: string | null = null;
    if (role === 'teacher') {
      if (input.class) {
        const chosen = await teacherClass(tx, user.schoolId, input.class, user.id);
        classId = chosen.id;
        className = chosen.name;
      } else if (user.role === 'teacher' && user.classId) {
        // Keeping their own class needs no check (a disabled teacher's is checked on enabling).
        classId = user.classId;
      } else {
        throw new AppError('INVALID_INPUT', 'a teacher needs --class', { field: 'class', reason: 'teacherNeedsClass' });
      }
    }

    const changes: Record<string, { from: string | null; to: string | null }> = {};
    if (role !== user.role) changes.role = { from: user.role, to: role };
    if (classId !== user.classId) changes.classId = { from: user.classId, to: classId };
    if (fullName !== undefined && fullName !== user.fullName) changes.fullName = { from: user.fullName, to: fullName };
    const result = { id: user.id, email: user.email, role, classId, fullName: fullName === undefined ? user.fullName : fullName };
    if (Object.keys(changes).length === 0) return { ...result, changed: false };

    await tx.staffUser.update({ where: { id: user.id }, data: { role, classId, fullName: result.fullName } });
    await tx.auditLog.create({
      data: {
        schoolId: user.schoolId,
        actorType: input.actor.type,
        actorId: input.actor.id ?? null,
        action: 'staff.update',
        targetType: 'staff_user',
        targetId: user.id,
        // The name before the change, so "renamed Ivan to …" reads right; the class by name too.
        details: { ...auditTarget(user), changes, ...(className ? { className } : {}) },
        createdAt: now,
      },
    });
    return { ...result, changed: true };
  });
}
