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

/** A code as typed from a form, or a listed code by id within one school (the staff pages). */
export type CodeLocator = string | { id: string; schoolId: string };

/** Revokes an unredeemed code; reissuing is revoke + issue. */
export async function revokeConsentCode(prisma: PrismaClient, secret: string, locator: CodeLocator, options: { actor?: Actor; now?: Date } = {}): Promise<RevokedCode> {
  const actor = options.actor ?? CLI_ACTOR;
  const now = options.now ?? new Date();
  return prisma.$transaction(async (tx) => {
    const code =
      typeof locator === 'string'
        ? await findCodeByPlain(tx, secret, locator)
        : await tx.consentCode.findFirst({ where: { id: locator.id, schoolId: locator.schoolId } });
    if (!code) throw new AppError('NOT_FOUND', 'no such code in this school', { field: 'code' });
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
