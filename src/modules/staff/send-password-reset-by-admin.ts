import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../lib/app-error.js';
import type { Mailer } from '../../mail/create-mailer.js';
import { signResetToken } from './password-reset-token.js';
import { sendPasswordReset } from './send-password-reset.js';
import { auditTarget, findTarget, type StaffActor, type StaffTarget } from './staff-change-guards.js';

export const ADMIN_RESET_ACTION = 'staff.password_reset_send';
/** As for "forgot password": a few links an hour reach a colleague, more would flood their inbox. */
export const ADMIN_RESETS_PER_HOUR = 3;

/**
 * An admin sends a colleague the same single-use reset link "forgot password" sends: the
 * admin never sees the link or the password. The colleague's sessions stay until the new
 * password is set, as with a reset they asked for themselves.
 */
export async function sendPasswordResetByAdmin(
  prisma: PrismaClient,
  mailer: Mailer,
  secret: string,
  publicUrl: string,
  input: { schoolId: string; target: StaffTarget; actor: StaffActor },
  now: Date,
): Promise<{ id: string; email: string }> {
  const user = await findTarget(prisma, input.schoolId, input.target);
  if (user.disabledAt) throw new AppError('CONFLICT', 'the account is disabled: enable it first', { field: 'user', reason: 'disabled' });
  if (!user.passwordHash) throw new AppError('CONFLICT', 'the account has no password yet: resend the invitation instead', { field: 'user', reason: 'noPassword' });
  const recent = await prisma.auditLog.count({ where: { action: ADMIN_RESET_ACTION, targetId: user.id, createdAt: { gt: new Date(now.getTime() - 3600_000), lte: now } } });
  if (recent >= ADMIN_RESETS_PER_HOUR) throw new AppError('RATE_LIMITED', 'a password reset link was sent to this account several times in the last hour', { field: 'user', reason: 'tooOften' });
  const school = await prisma.school.findUniqueOrThrow({ where: { id: user.schoolId }, select: { name: true, defaultLocale: true } });
  const { token, expiresAt } = signResetToken(secret, user, now);
  const url = `${publicUrl.replace(/\/+$/, '')}/staff/password/reset?token=${encodeURIComponent(token)}`;
  try {
    await sendPasswordReset(mailer, { to: user.email, url, expiresAt, schoolName: school.name, locale: user.locale ?? school.defaultLocale, byAdmin: true });
  } catch {
    throw new AppError('UNAVAILABLE', 'the password reset email could not be sent', { field: 'user', reason: 'mailFailed' });
  }
  // Recorded once the mail is out: the log says what reached the colleague.
  await prisma.auditLog.create({
    data: { schoolId: user.schoolId, actorType: input.actor.type, actorId: input.actor.id ?? null, action: ADMIN_RESET_ACTION, targetType: 'staff_user', targetId: user.id, details: auditTarget(user), createdAt: now },
  });
  return { id: user.id, email: user.email };
}
