import { Prisma } from '../../db/prisma.js';
import { chatKey } from '../consent/chat-key.js';
import { checkRedeemRateLimit } from '../consent/check-redeem-rate-limit.js';
import { failCodeAttempt } from '../consent/fail-code-attempt.js';
import { hashCode, normaliseCode } from '../consent/normalise-code.js';
import { recordCodeAttempt } from '../consent/record-code-attempt.js';
import { auditConsentAction } from '../consent/audit-consent-action.js';
import { effectiveStatus, type ConsentDeps } from '../consent/types.js';
import { hasStandingConsent, standingConsentSql } from '../students/has-standing-consent.js';
import { createFamilySession } from './family-sessions.js';

export type StudentSignIn =
  | { kind: 'signed-in'; token: string; expiresAt: Date }
  | { kind: 'rate-limited'; retryInMinutes: number }
  | { kind: 'needs-consent' }
  | { kind: 'invalid' };

/**
 * "Вход для ученика по коду": a student code opens a session of the student's own on the
 * family page. The same rules as in the messengers: one use, the same limits on wrong
 * attempts (counted per browser address), and only while a guardian's consent stands.
 */
export async function signInStudent(deps: ConsentDeps, input: { code: string; client: string; now: Date }): Promise<StudentSignIn> {
  const { prisma, secret, logger } = deps;
  const { now } = input;
  const key = chatKey(secret, input.client, 'web');
  const limit = await checkRedeemRateLimit(prisma, key, now);
  if (!limit.allowed) return { kind: 'rate-limited', retryInMinutes: limit.retryInMinutes };
  const normalised = normaliseCode(input.code);
  const codeHash = normalised ? hashCode(secret, normalised) : undefined;
  const signedIn = codeHash
    ? await prisma.$transaction(async (tx) => {
        const claimed = await tx.$queryRaw<Array<{ id: string; school_id: string; student_id: string }>>`
          UPDATE consent_codes SET status = 'redeemed', "redeemedAt" = ${now}
          WHERE "codeHash" = ${codeHash} AND "forStudent" AND status = 'active' AND "expiresAt" > ${now}
            AND ${standingConsentSql(Prisma.sql`consent_codes."studentId"`)}
          RETURNING id, "schoolId" AS school_id, "studentId" AS student_id`;
        const code = claimed[0];
        if (!code) return undefined;
        const session = await createFamilySession(tx, secret, [], now);
        await tx.studentAccount.create({ data: { studentId: code.student_id, channel: 'web', address: session.id, codeId: code.id, createdAt: now } });
        await auditConsentAction(tx, { schoolId: code.school_id, actor: { type: 'system' }, action: 'consent.code.redeem', targetType: 'consent_code', targetId: code.id, details: { channel: 'web', chat: key, forStudent: true } });
        return session;
      })
    : undefined;
  if (signedIn) {
    await recordCodeAttempt(prisma, logger, { chatId: key, succeeded: true, now });
    return { kind: 'signed-in', token: signedIn.token, expiresAt: signedIn.expiresAt };
  }
  const code = codeHash ? await prisma.consentCode.findUnique({ where: { codeHash } }) : null;
  if (code?.forStudent && effectiveStatus(code, now) === 'active' && !(await hasStandingConsent(prisma, code.studentId))) {
    await recordCodeAttempt(prisma, logger, { chatId: key, succeeded: true, now });
    return { kind: 'needs-consent' };
  }
  // A guardian's code, a used or a wrong one: the same answer, so it reveals no code.
  await failCodeAttempt(deps, key, code ? { id: code.id, schoolId: code.schoolId, status: effectiveStatus(code, now) } : undefined, now, limit.remaining);
  return { kind: 'invalid' };
}
