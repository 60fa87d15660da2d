import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../lib/app-error.js';
import { hashInviteToken } from './add-staff-user.js';
import { hashPassword } from './password-hash.js';
import { assertStrongPassword, personalWords } from './password-strength.js';

/** The account an unexpired, unused invitation belongs to, or null. */
export async function findInvite(prisma: PrismaClient, secret: string, token: string, now = new Date()): Promise<{ id: string; email: string } | null> {
  if (!token || token.length > 200) return null;
  const user = await prisma.staffUser.findUnique({ where: { inviteTokenHash: hashInviteToken(secret, token) } });
  if (!user || user.disabledAt || !user.inviteExpiresAt || user.inviteExpiresAt <= now) return null;
  return { id: user.id, email: user.email };
}

/** Sets the password and burns the invitation: the link works once. */
export async function setPasswordFromInvite(prisma: PrismaClient, secret: string, token: string, password: string, now = new Date()): Promise<{ id: string; email: string }> {
  const invite = await findInvite(prisma, secret, token, now);
  if (!invite) throw new AppError('NOT_FOUND', 'the invitation link is invalid, used or expired');
  assertStrongPassword(password, await personalWords(prisma, invite.id));
  const passwordHash = await hashPassword(password);
  // The token hash in the WHERE clause makes two concurrent uses of one link set at most one password.
  const updated = await prisma.staffUser.updateMany({
    where: { id: invite.id, inviteTokenHash: hashInviteToken(secret, token) },
    data: { passwordHash, inviteTokenHash: null, inviteExpiresAt: null },
  });
  if (updated.count !== 1) throw new AppError('NOT_FOUND', 'the invitation link is invalid, used or expired');
  const user = await prisma.staffUser.findUniqueOrThrow({ where: { id: invite.id } });
  await prisma.$transaction([
    prisma.staffSession.deleteMany({ where: { userId: user.id } }),
    prisma.auditLog.create({ data: { schoolId: user.schoolId, actorType: user.role, actorId: user.id, action: 'staff.password_set', targetType: 'staff_user', targetId: user.id } }),
  ]);
  return invite;
}
