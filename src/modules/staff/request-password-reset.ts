import type { PrismaClient } from '../../db/prisma.js';
import { signResetToken } from './password-reset-token.js';

export const RESET_REQUEST_ACTION = 'staff.password_reset_requested';
/** Enough for someone who lost a mail or two; more would let anyone flood a colleague's inbox. */
export const RESET_REQUESTS_PER_HOUR = 3;

export interface PasswordResetMail {
  to: string;
  url: string;
  expiresAt: Date;
  schoolName: string;
  locale: string | null;
  /** Sent by an admin of the school rather than asked for on the login page. */
  byAdmin?: boolean;
}

/**
 * A reset link for an active account, or null — for an unknown, disabled or too often asked
 * address alike, so the caller answers every request the same way.
 */
export async function requestPasswordReset(prisma: PrismaClient, secret: string, publicUrl: string, rawEmail: string, now = new Date()): Promise<PasswordResetMail | null> {
  const email = rawEmail.trim().toLowerCase().slice(0, 254);
  const user = email ? await prisma.staffUser.findUnique({ where: { email }, include: { school: { select: { name: true, defaultLocale: true } } } }) : null;
  if (!user || user.disabledAt) return null;
  const since = new Date(now.getTime() - 3600_000);
  const recent = await prisma.auditLog.count({ where: { action: RESET_REQUEST_ACTION, targetId: user.id, createdAt: { gt: since, lte: now } } });
  if (recent >= RESET_REQUESTS_PER_HOUR) return null;
  await prisma.auditLog.create({ data: { schoolId: user.schoolId, actorType: 'anonymous', action: RESET_REQUEST_ACTION, targetType: 'staff_user', targetId: user.id, createdAt: now } });
  const { token, expiresAt } = signResetToken(secret, user, now);
  return {
    to: user.email,
    url: `${publicUrl.replace(/\/+$/, '')}/staff/password/reset?token=${encodeURIComponent(token)}`,
    expiresAt,
    schoolName: user.school.name,
    locale: user.locale ?? user.school.defaultLocale,
  };
}
