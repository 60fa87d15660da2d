import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../lib/app-error.js';
import { keyedHash, randomToken } from '../../lib/keyed-hash.js';
import type { Lang } from '../../i18n/index.js';
import { normaliseEmail } from './normalise-email.js';
import { lockSchoolStaff, teacherClass } from './staff-change-guards.js';
import { STAFF_NAME_MAX } from './staff-status.js';

export const INVITE_PURPOSE = 'staff-invite';
export const INVITE_LIFETIME_HOURS = 72;

export interface AddStaffUserInput {
  schoolId: string;
  role: 'admin' | 'teacher';
  email: string;
  /** The class a teacher leads, by the e-journal's id; required for teachers. */
  classExternalId?: string;
  fullName?: string;
  locale?: Lang;
  actorType?: string;
  actorId?: string;
}

export interface AddedStaffUser {
  id: string;
  schoolId: string;
  email: string;
  role: 'admin' | 'teacher';
  classId: string | null;
  inviteUrl: string;
  inviteExpiresAt: string;
}

export function hashInviteToken(secret: string, token: string): string {
  return keyedHash(secret, token, INVITE_PURPOSE);
}

/** Creates an account without a password and returns a one-time link to set one. */
export async function addStaffUser(prisma: PrismaClient, secret: string, publicUrl: string, input: AddStaffUserInput, now = new Date()): Promise<AddedStaffUser> {
  const email = normaliseEmail(input.email);
  const school = await prisma.school.findUnique({ where: { id: input.schoolId }, select: { id: true } }).catch(() => null);
  if (!school) throw new AppError('NOT_FOUND', `no school with id ${input.schoolId}`, { field: 'school' });
  const fullName = input.fullName?.trim().replace(/\s+/g, ' ') || null;
  if (fullName && fullName.length > STAFF_NAME_MAX) throw new AppError('INVALID_INPUT', `the name is longer than ${STAFF_NAME_MAX} characters`, { field: 'name', reason: 'nameTooLong' });
  if (input.role === 'teacher' && !input.classExternalId) throw new AppError('INVALID_INPUT', 'a teacher needs --class', { field: 'class', reason: 'teacherNeedsClass' });

  const token = randomToken(32);
  const inviteExpiresAt = new Date(now.getTime() + INVITE_LIFETIME_HOURS * 3600_000);
  const { user, classId } = await prisma.$transaction(async (tx) => {
    await lockSchoolStaff(tx, school.id);
    // Under the lock, so two admins inviting one address at once get one account and one refusal.
    const existing = await tx.staffUser.findUnique({ where: { email } });
    if (existing) throw new AppError('CONFLICT', `a staff account for ${email} already exists`, { field: 'email', reason: 'exists' });
    // A class has one class teacher: checked under the lock, so two invitations cannot both take it.
    const classId = input.classExternalId && input.role === 'teacher' ? (await teacherClass(tx, school.id, { classExternalId: input.classExternalId }, null)).id : null;
    const created = await tx.staffUser.create({
      data: {
        schoolId: school.id,
        email,
        role: input.role,
        classId,
        fullName,
        locale: input.locale ?? null,
        inviteTokenHash: hashInviteToken(secret, token),
        inviteExpiresAt,
      },
    });
    await tx.auditLog.create({
      data: {
        schoolId: school.id,
        actorType: input.actorType ?? 'cli',
        actorId: input.actorId ?? null,
        action: 'staff.add',
        targetType: 'staff_user',
        targetId: created.id,
        details: { email, fullName: created.fullName, role: input.role, classId },
      },
    });
    return { user: created, classId };
  });
  return {
    id: user.id,
    schoolId: school.id,
    email,
    role: input.role,
    classId,
    inviteUrl: `${publicUrl.replace(/\/+$/, '')}/staff/invite/${token}`,
    inviteExpiresAt: inviteExpiresAt.toISOString(),
  };
}
