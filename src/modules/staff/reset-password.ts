import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../lib/app-error.js';
import { hashPassword } from './password-hash.js';
import { passwordFingerprint, readResetToken, RESET_TOKEN_PURPOSE, type ResetClaims } from './password-reset-token.js';
import { assertStrongPassword, personalWords } from './password-strength.js';

const GONE = 'the password reset link is invalid, used or expired';

/** The account behind an unexpired, unused reset link issued for its current password, or null. */
export async function findPasswordReset(prisma: PrismaClient, secret: string, token: string, now = new Date()): Promise<{ id: string; email: string; claims: ResetClaims } | null> {
  const claims = readResetToken(secret, token);
  if (!claims || claims.x * 1000 <= now.getTime()) return null;
  const user = await prisma.staffUser.findUnique({ where: { id: claims.u } });
  if (!user || user.disabledAt || passwordFingerprint(secret, user.passwordHash) !== claims.p) return null;
  const used = await prisma.usedToken.findUnique({ where: { tokenId: claims.j } });
  return used ? null : { id: user.id, email: user.email, claims };
}

/**
 * Sets a new (strong) password from a reset link, burns the link and ends every session of
 * the account, so whoever knew the old password is signed out too.
 */
export async function resetPassword(prisma: PrismaClient, secret: string, token: string, password: string, now = new Date()): Promise<{ id: string; email: string }> {
  const reset = await findPasswordReset(prisma, secret, token, now);
  if (!reset) throw new AppError('NOT_FOUND', GONE);
  // Checked before the link is burnt: a refused password leaves the link usable.
  assertStrongPassword(password, await personalWords(prisma, reset.id));
  const passwordHash = await hashPassword(password);
  await prisma.$transaction(async (tx) => {
    const used = await tx.usedToken.createMany({ data: [{ tokenId: reset.claims.j, purpose: RESET_TOKEN_PURPOSE, usedAt: now }], skipDuplicates: true });
    if (used.count === 0) throw new AppError('NOT_FOUND', GONE);
    const user = await tx.staffUser.update({ where: { id: reset.id }, data: { passwordHash, inviteTokenHash: null, inviteExpiresAt: null } });
    await tx.staffSession.deleteMany({ where: { userId: user.id } });
    await tx.auditLog.create({ data: { schoolId: user.schoolId, actorType: user.role, actorId: user.id, action: 'staff.password_reset', targetType: 'staff_user', targetId: user.id, createdAt: now } });
  });
  return { id: reset.id, email: reset.email };
}
