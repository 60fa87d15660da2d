// The checks every change to a staff account shares. They run inside the change's
// transaction after lockSchoolStaff, so two admins acting at once cannot, say, each
// disable the other and leave the school with no administrator.
import type { Prisma, PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../lib/app-error.js';
import { isUuid } from '../../lib/uuid.js';
import { normaliseEmail } from './normalise-email.js';

type Tx = Prisma.TransactionClient;

/** Who makes a change: an admin on the web (their id) or an operator at the command line. */
export interface StaffActor {
  type: 'admin' | 'cli';
  id?: string;
}

/** The account to change: by id (the web) or by email (the CLI). */
export type StaffTarget = { id: string } | { email: string };

export interface TargetUser {
  id: string;
  schoolId: string;
  email: string;
  fullName: string | null;
  role: 'admin' | 'teacher';
  classId: string | null;
  passwordHash: string | null;
  inviteExpiresAt: Date | null;
  disabledAt: Date | null;
  locale: 'ru' | 'en' | null;
}

/** Serialises staff changes within one school (other schools are not held up). */
export async function lockSchoolStaff(tx: Tx, schoolId: string): Promise<void> {
  const rows = isUuid(schoolId) ? await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM schools WHERE id = ${schoolId}::uuid FOR UPDATE` : [];
  if (rows.length === 0) throw new AppError('NOT_FOUND', `no school with id ${schoolId}`, { field: 'school' });
}

/** The account in this school; one of another school is "not found", as if it did not exist. */
export async function findTarget(tx: Tx | PrismaClient, schoolId: string, target: StaffTarget): Promise<TargetUser> {
  if ('id' in target) {
    const user = isUuid(target.id) ? await tx.staffUser.findFirst({ where: { id: target.id, schoolId } }) : null;
    if (!user) throw new AppError('NOT_FOUND', 'no such staff account', { field: 'user' });
    return user;
  }
  const email = normaliseEmail(target.email);
  const user = await tx.staffUser.findFirst({ where: { email, schoolId } });
  if (!user) throw new AppError('NOT_FOUND', `no staff account ${email} in this school`, { field: 'email', reason: 'noAccount', email });
  return user;
}

/** Refuses a change that would leave the school without an admin who can sign in. */
export async function assertAnotherAdmin(tx: Tx, user: TargetUser): Promise<void> {
  if (user.role !== 'admin') return;
  const others = await tx.staffUser.count({ where: { schoolId: user.schoolId, role: 'admin', disabledAt: null, passwordHash: { not: null }, id: { not: user.id } } });
  if (others === 0) throw new AppError('CONFLICT', 'this is the last active admin of the school', { field: 'user', reason: 'lastAdmin' });
}

export type ClassChoice = { classId: string } | { classExternalId: string };

/**
 * The class a teacher account will lead. A class has one class teacher: another active
 * account already leading it is a conflict (a disabled one leaves the class free).
 */
export async function teacherClass(tx: Tx, schoolId: string, choice: ClassChoice, userId: string | null): Promise<{ id: string; name: string }> {
  const found =
    'classId' in choice
      ? isUuid(choice.classId) ? await tx.schoolClass.findFirst({ where: { id: choice.classId, schoolId }, select: { id: true, name: true } }) : null
      : await tx.schoolClass.findFirst({ where: { externalId: choice.classExternalId, schoolId }, select: { id: true, name: true } });
  if (!found) {
    const id = 'classId' in choice ? choice.classId : choice.classExternalId;
    throw new AppError('NOT_FOUND', `no class "${id}" in this school`, { field: 'class', reason: 'noClass' });
  }
  const leader = await tx.staffUser.findFirst({
    where: { schoolId, classId: found.id, role: 'teacher', disabledAt: null, ...(userId ? { id: { not: userId } } : {}) },
    select: { email: true, fullName: true },
  });
  if (leader) {
    throw new AppError('CONFLICT', `class ${found.name} already has a class teacher: ${leader.email}`, { field: 'class', reason: 'classTaken', className: found.name, teacher: leader.fullName ?? leader.email });
  }
  return found;
}

/** What the audit log needs to name the account in a sentence, whatever changes later. */
export function auditTarget(user: Pick<TargetUser, 'email' | 'fullName' | 'role'>): { email: string; fullName: string | null; role: string } {
  return { email: user.email, fullName: user.fullName, role: user.role };
}
