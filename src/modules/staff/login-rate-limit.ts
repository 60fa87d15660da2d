import type { PrismaClient } from '../../db/prisma.js';

// Failed logins are audit-log rows, so every web process sees the same count
// (processes coordinate only through the database) and admins can read them.
export const LOGIN_FAILURE_ACTION = 'staff.login_failed';
export const LOGIN_SUCCESS_ACTION = 'staff.login';

/**
 * One client guessing one account: a few free mistakes, then each further attempt waits
 * twice as long as the one before (1 min, 2, 4 … up to an hour) after that client's last
 * failure. Only that client waits: the real user on another device is never locked out.
 */
export const LOGIN_FREE_FAILURES = 5;
export const LOGIN_FIRST_DELAY_SECONDS = 60;
export const LOGIN_MAX_DELAY_SECONDS = 3600;
/** Failures older than this, or before the client's last successful login, are forgotten. */
export const LOGIN_PAIR_WINDOW_HOURS = 24;

/**
 * Many clients guessing one account: past this many failures in the window every attempt
 * on the account is slowed by a second per such step (at most five), but still checked.
 */
export const LOGIN_ACCOUNT_SLOWDOWN_FAILURES = 50;
export const LOGIN_ACCOUNT_WINDOW_MINUTES = 15;
export const LOGIN_ACCOUNT_MAX_SLOWDOWN_MS = 5000;

export type LoginThrottle = { kind: 'wait'; retryAfterSeconds: number } | { kind: 'go'; slowdownMs: number };

interface FailureCounts {
  pairFailures: number;
  pairLastFailure: Date | null;
  accountFailures: number;
}

async function countFailures(prisma: PrismaClient, email: string, ip: string, now: Date): Promise<FailureCounts> {
  const pairSince = new Date(now.getTime() - LOGIN_PAIR_WINDOW_HOURS * 3600_000);
  const accountSince = new Date(now.getTime() - LOGIN_ACCOUNT_WINDOW_MINUTES * 60_000);
  const rows = await prisma.$queryRaw<Array<{ pair: bigint; last: Date | null; account: bigint }>>`
    WITH last_success AS (
      SELECT max(a."createdAt") AS at FROM audit_log a JOIN staff_users u ON u.id::text = a."targetId"
      WHERE a.action = ${LOGIN_SUCCESS_ACTION} AND u.email = ${email} AND a.details->>'ip' = ${ip} AND a."createdAt" <= ${now}
    )
    SELECT
      count(*) FILTER (WHERE details->>'ip' = ${ip} AND "createdAt" > coalesce((SELECT at FROM last_success), ${pairSince})
                         AND "createdAt" > ${pairSince}) AS pair,
      max("createdAt") FILTER (WHERE details->>'ip' = ${ip}) AS last,
      count(*) FILTER (WHERE "createdAt" > ${accountSince}) AS account
    FROM audit_log
    WHERE action = ${LOGIN_FAILURE_ACTION} AND details->>'email' = ${email} AND "createdAt" > ${pairSince} AND "createdAt" <= ${now}`;
  const row = rows[0];
  return { pairFailures: Number(row?.pair ?? 0), pairLastFailure: row?.last ?? null, accountFailures: Number(row?.account ?? 0) };
}

/** The wait after a client's `failures`-th consecutive failure (0 while mistakes are free). */
export function pairDelaySeconds(failures: number): number {
  if (failures < LOGIN_FREE_FAILURES) return 0;
  return Math.min(LOGIN_MAX_DELAY_SECONDS, LOGIN_FIRST_DELAY_SECONDS * 2 ** (failures - LOGIN_FREE_FAILURES));
}

/** Whether this client may try this account now, and how much to slow the check down. */
export async function checkLoginThrottle(prisma: PrismaClient, email: string, ip: string, now = new Date()): Promise<LoginThrottle> {
  const counts = await countFailures(prisma, email, ip, now);
  const delay = pairDelaySeconds(counts.pairFailures);
  if (delay > 0 && counts.pairLastFailure) {
    const waitMs = counts.pairLastFailure.getTime() + delay * 1000 - now.getTime();
    if (waitMs > 0) return { kind: 'wait', retryAfterSeconds: Math.ceil(waitMs / 1000) };
  }
  const steps = Math.floor(counts.accountFailures / LOGIN_ACCOUNT_SLOWDOWN_FAILURES);
  return { kind: 'go', slowdownMs: Math.min(LOGIN_ACCOUNT_MAX_SLOWDOWN_MS, steps * 1000) };
}

export async function recordLoginFailure(prisma: PrismaClient, schoolId: string | null, email: string, ip: string, now = new Date()): Promise<void> {
  await prisma.auditLog.create({
    data: { schoolId, actorType: 'anonymous', action: LOGIN_FAILURE_ACTION, targetType: 'staff_user', details: { email, ip }, createdAt: now },
  });
}
