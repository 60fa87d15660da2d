import type { Db } from './types.js';

/** Failed code attempts a chat may make per window: enough for typos, far too few to guess 70 bits. */
export const REDEEM_MAX_FAILURES = 5;
export const REDEEM_WINDOW_MS = 60 * 60 * 1000;

export type RedeemRateLimit = { allowed: true; remaining: number } | { allowed: false; retryAt: Date; retryInMinutes: number };

/**
 * Whether this chat may try another code now. Only failures count, so a parent redeeming
 * codes for several children is never held back by their own successes.
 */
export async function checkRedeemRateLimit(db: Db, chatId: string, now: Date = new Date()): Promise<RedeemRateLimit> {
  const since = new Date(now.getTime() - REDEEM_WINDOW_MS);
  const failures = await db.codeAttempt.findMany({
    where: { chatId, succeeded: false, createdAt: { gt: since } },
    orderBy: { createdAt: 'desc' },
    take: REDEEM_MAX_FAILURES,
    select: { createdAt: true },
  });
  if (failures.length < REDEEM_MAX_FAILURES) return { allowed: true, remaining: REDEEM_MAX_FAILURES - failures.length };
  // The window reopens when the oldest of the last five failures leaves it.
  const oldest = failures[failures.length - 1]!.createdAt;
  const retryAt = new Date(oldest.getTime() + REDEEM_WINDOW_MS);
  return { allowed: false, retryAt, retryInMinutes: Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 60_000)) };
}
