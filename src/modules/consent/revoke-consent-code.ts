import { AppError } from '../../lib/app-error.js';
import type { PrismaClient } from '../../db/prisma.js';
import { auditConsentAction } from './audit-consent-action.js';
import { findCodeByPlain } from './find-code.js';
import { CLI_ACTOR, effectiveStatus, type Actor } from './types.js';

export interface RevokedCode {
  codeId: string;
  schoolId: string;
  previousStatus: string;
  revokedAt: Date;
}

/** Revokes an unredeemed code; reissuing is revoke + issue. */
export async function revokeConsentCode(prisma: PrismaClient, secret: string, plain: string, options: { actor?: Actor; now?: Date } = {}): Promise<RevokedCode> {
  const actor = options.actor ?? CLI_ACTOR;
  const now = options.now ?? new Date();
  return prisma.$transaction(async (tx) => {
    const code = await findCodeByPlain(tx, secret, plain);
    const status = effectiveStatus(code, now);
    if (status === 'revoked') throw new AppError('CONFLICT', 'this code is already revoked', { status });
    if (status === 'redeemed') {
      throw new AppError('CONFLICT', 'this code has been redeemed: withdraw the guardian\'s consent instead (vestnik consent withdraw)', { status });
    }
    // Conditional, so a redemption committing meanwhile is not silently overwritten.
    const updated = await tx.consentCode.updateMany({
      where: { id: code.id, status: { in: ['issued', 'active', 'expired'] } },
      data: { status: 'revoked', revokedAt: now },
    });
    if (updated.count === 0) throw new AppError('CONFLICT', 'the code changed while it was being revoked; look at it again', { status });
    await auditConsentAction(tx, {
      schoolId: code.schoolId,
      actor,
      action: 'consent.code.revoke',
      targetType: 'consent_code',
      targetId: code.id,
      details: { previousStatus: status },
    });
    return { codeId: code.id, schoolId: code.schoolId, previousStatus: status, revokedAt: now };
  });
}
