import type { PrismaClient } from '../../db/prisma.js';

// Failed logins are audit-log rows, so every web process sees the same count
// (processes coordinate only through the database) and admins can read them.
export const LOGIN_FAILURE_ACTION = 'staff.login_failed';
export const LOGIN_MAX_FAILURES = 5;
/**
 * Across all addresses: the client address comes from X-Forwarded-For behind a proxy and
 * can be forged, so one email also has an overall ceiling (at the price of a possible lockout).
 */
export const LOGIN_MAX_FAILURES_PER_EMAIL = 30;
export const LOGIN_WINDOW_MINUTES = 15;

export async function countRecentLoginFailures(prisma: PrismaClient, email: string, ip: string, now = new Date()): Promise<{ fromIp: number; total: number }> {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MINUTES * 60_000);
  const rows = await prisma.$queryRaw<Array<{ from_ip: bigint; total: bigint }>>`
    SELECT count(*) FILTER (WHERE details->>'ip' = ${ip}) AS from_ip, count(*) AS total FROM audit_log
    WHERE action = ${LOGIN_FAILURE_ACTION} AND "createdAt" > ${since} AND "createdAt" <= ${now}
      AND details->>'email' = ${email}`;
  return { fromIp: Number(rows[0]?.from_ip ?? 0), total: Number(rows[0]?.total ?? 0) };
}

export async function recordLoginFailure(prisma: PrismaClient, schoolId: string | null, email: string, ip: string, now = new Date()): Promise<void> {
  await prisma.auditLog.create({
    data: { schoolId, actorType: 'anonymous', action: LOGIN_FAILURE_ACTION, targetType: 'staff_user', details: { email, ip }, createdAt: now },
  });
}

export async function isLoginRateLimited(prisma: PrismaClient, email: string, ip: string, now = new Date()): Promise<boolean> {
  const { fromIp, total } = await countRecentLoginFailures(prisma, email, ip, now);
  return fromIp >= LOGIN_MAX_FAILURES || total >= LOGIN_MAX_FAILURES_PER_EMAIL;
}
