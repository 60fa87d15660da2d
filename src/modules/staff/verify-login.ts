import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../lib/app-error.js';
import { isLoginRateLimited, recordLoginFailure } from './login-rate-limit.js';
import { decoyHash, verifyPassword } from './password-hash.js';
import { toPrincipal, type StaffPrincipal } from './staff-principal.js';

export interface LoginAttempt {
  email: string;
  password: string;
  ip: string;
}

/**
 * Checks an email and password. Throws RATE_LIMITED after too many failures for this
 * email from this address, UNAUTHORIZED for any wrong detail (without saying which).
 */
export async function verifyLogin(prisma: PrismaClient, attempt: LoginAttempt, now = new Date()): Promise<StaffPrincipal> {
  const email = attempt.email.trim().toLowerCase().slice(0, 254);
  if (await isLoginRateLimited(prisma, email, attempt.ip, now)) {
    throw new AppError('RATE_LIMITED', 'too many failed logins; try again later');
  }
  const user = email ? await prisma.staffUser.findUnique({ where: { email } }) : null;
  // An unknown email still costs one scrypt, so timing does not reveal which emails exist.
  const ok = await verifyPassword(attempt.password, user?.passwordHash ?? (await decoyHash()));
  if (!user || !user.passwordHash || user.disabledAt || !ok) {
    await recordLoginFailure(prisma, user?.schoolId ?? null, email, attempt.ip, now);
    throw new AppError('UNAUTHORIZED', 'wrong email or password');
  }
  await prisma.$transaction([
    prisma.staffUser.update({ where: { id: user.id }, data: { lastLoginAt: now } }),
    prisma.auditLog.create({ data: { schoolId: user.schoolId, actorType: user.role, actorId: user.id, action: 'staff.login', targetType: 'staff_user', targetId: user.id, details: { ip: attempt.ip } } }),
  ]);
  return toPrincipal(user);
}
