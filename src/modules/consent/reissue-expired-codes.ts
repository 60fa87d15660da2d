import { AppError } from '../../lib/app-error.js';
import type { PrismaClient } from '../../db/prisma.js';
import { auditConsentAction } from './audit-consent-action.js';
import { findExpiredCodes } from './find-expired-codes.js';
import { findSchool } from './find-school.js';
import { createCodeRow } from './create-code-row.js';
import type { Actor } from './types.js';

export interface ReissuedCode {
  code: string;
  codeId: string;
  replacedId: string;
  studentName: string;
  className: string;
  expiresAt: Date;
  forStudent: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A new code for every expired one still waited for (see findExpiredCodes), all or nothing.
 * The expired code is revoked so it is never reissued again; a code the school had already
 * activated (bulk consent) hands its consent record on to the new one.
 */
export async function reissueExpiredCodes(prisma: PrismaClient, secret: string, input: { schoolId: string; classIds?: string[]; actor: Actor; now: Date }): Promise<ReissuedCode[]> {
  return prisma.$transaction(async (tx) => {
    const school = await findSchool(tx, input.schoolId);
    const expired = await findExpiredCodes(tx, { schoolId: school.id, classIds: input.classIds, now: input.now });
    if (expired.length === 0) return [];
    const updated = await tx.consentCode.updateMany({
      where: { id: { in: expired.map((c) => c.id) }, status: { in: ['issued', 'active'] }, expiresAt: { lte: input.now } },
      data: { status: 'revoked', revokedAt: input.now },
    });
    // A code redeemed or revoked meanwhile: start again rather than count it.
    if (updated.count !== expired.length) throw new AppError('CONFLICT', 'a code changed while it was being reissued; look at the list again', { reason: 'changed' });
    const expiresAt = new Date(input.now.getTime() + school.codeLifetimeDays * DAY_MS);
    const reissued: ReissuedCode[] = [];
    for (const old of expired) {
      const active = old.forStudent || old.status === 'active';
      const { code, id } = await createCodeRow(tx, secret, { schoolId: school.id, studentId: old.studentId, active, forStudent: old.forStudent, now: input.now, expiresAt, actor: input.actor });
      if (active && !old.forStudent) await tx.consentRecord.updateMany({ where: { codeId: old.id }, data: { codeId: id } });
      reissued.push({ code, codeId: id, replacedId: old.id, studentName: old.studentName, className: old.className, expiresAt, forStudent: old.forStudent });
    }
    await auditConsentAction(
      tx,
      reissued.map((c) => ({ schoolId: school.id, actor: input.actor, action: 'consent.code.reissue' as const, targetType: 'consent_code', targetId: c.codeId, details: { replaced: c.replacedId, ...(c.forStudent ? { forStudent: true } : {}) } })),
    );
    return reissued;
  }, { timeout: 60_000 });
}
