import { setTimeout as sleepFor } from 'node:timers/promises';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../lib/app-error.js';
import { checkLoginThrottle, LOGIN_SUCCESS_ACTION, recordLoginFailure } from './login-rate-limit.js';
import { decoyHash, verifyPassword } from './password-hash.js';
import { toPrincipal, type StaffPrincipal } from './staff-principal.js';

export interface LoginAttempt {
  email: string;
  password: string;
  ip: string;
}

export interface LoginClock {
  now?: Date;
  /** How the account-wide slowdown waits (tests record it instead). */
  sleep?: (ms: number) => Promise<unknown>;
}

/**
 * Checks an email and password. Throws RATE_LIMITED (with retryAfterSeconds) while this
 * client must wait after its failures on this email, UNAUTHORIZED for any wrong detail
 * (without saying which).
 */
export async function verifyLogin(prisma: PrismaClient, attempt: LoginAttempt, clock: Date | LoginClock = {}): Promise<StaffPrincipal> {
  const { now = new Date(), sleep = sleepFor } = clock instanceof Date ? { now: clock } : clock;
  const email = attempt.email.trim().toLowerCase().slice(0, 254);
  const throttle = await checkLoginThrottle(prisma, email, attempt.ip, now);
  if (throttle.kind === 'wait') {
    throw new AppError('RATE_LIMITED', `too many failed logins from this address; try again in ${throttle.retryAfterSeconds} s`, { retryAfterSeconds: throttle.retryAfterSeconds });
  }
  if (throttle.slowdownMs > 0) await sleep(throttle.slowdownMs);
  const user = email ? await prisma.staffUser.findUnique({ where: { email } }) : null;
  // An unknown email still costs one scrypt, so timing does not reveal which emails exist.
  const ok = await verifyPassword(attempt.password, user?.passwordHash ?? (await decoyHash()));
  if (!user || !user.passwordHash || user.disabledAt || !ok) {
    await recordLoginFailure(prisma, user?.schoolId ?? null, email, attempt.ip, now);
    throw new AppError('UNAUTHORIZED', 'wrong email or password');
  }
  await prisma.$transaction([
    prisma.staffUser.update({ where: { id: user.id }, data: { lastLoginAt: now } }),
    prisma.auditLog.create({ data: { schoolId: user.schoolId, actorType: user.role, actorId: user.id, action: LOGIN_SUCCESS_ACTION, targetType: 'staff_user', targetId: user.id, details: { ip: attempt.ip }, createdAt: now } }),
  ]);
  return toPrincipal(user);
}
