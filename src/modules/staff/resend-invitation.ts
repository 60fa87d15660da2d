import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../lib/app-error.js';
import { randomToken } from '../../lib/keyed-hash.js';
import { hashInviteToken, INVITE_LIFETIME_HOURS, type AddedStaffUser } from './add-staff-user.js';
import { auditTarget, findTarget, lockSchoolStaff, type StaffActor, type StaffTarget } from './staff-change-guards.js';

/**
 * A fresh invitation link for an account that has not set its password yet. Only the new
 * token's hash is kept, so the link sent before stops working.
 */
export async function resendInvitation(
  prisma: PrismaClient,
  secret: string,
  publicUrl: string,
  input: { schoolId: string; target: StaffTarget; actor: StaffActor },
  now: Date,
): Promise<AddedStaffUser> {
  const token = randomToken(32);
  const inviteExpiresAt = new Date(now.getTime() + INVITE_LIFETIME_HOURS * 3600_000);
  const user = await prisma.$transaction(async (tx) => {
    await lockSchoolStaff(tx, input.schoolId);
    const found = await findTarget(tx, input.schoolId, input.target);
    if (found.disabledAt) throw new AppError('CONFLICT', 'the account is disabled: enable it first', { field: 'user', reason: 'disabled' });
    if (found.passwordHash) throw new AppError('CONFLICT', 'the account already has a password: send a password reset instead', { field: 'user', reason: 'hasPassword' });
    await tx.staffUser.update({ where: { id: found.id }, data: { inviteTokenHash: hashInviteToken(secret, token), inviteExpiresAt } });
    await tx.auditLog.create({
      data: { schoolId: found.schoolId, actorType: input.actor.type, actorId: input.actor.id ?? null, action: 'staff.invite_resend', targetType: 'staff_user', targetId: found.id, details: auditTarget(found), createdAt: now },
    });
    return found;
  });
  return {
    id: user.id,
    schoolId: user.schoolId,
    email: user.email,
    role: user.role,
    classId: user.classId,
    inviteUrl: `${publicUrl.replace(/\/+$/, '')}/staff/invite/${token}`,
    inviteExpiresAt: inviteExpiresAt.toISOString(),
  };
}
