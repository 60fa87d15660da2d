import type { PrismaClient } from '../../db/prisma.js';
import { auditConsentAction } from './audit-consent-action.js';
import type { Actor, Db } from './types.js';

export interface RevocableCode {
  id: string;
  status: string;
  className: string;
}

/** Of the chosen ids, the school's codes nobody has used or revoked yet (expired ones included). */
export async function findRevocableCodes(db: Db, schoolId: string, codeIds: string[]): Promise<RevocableCode[]> {
  const rows = await db.consentCode.findMany({
    where: { schoolId, id: { in: codeIds }, status: { in: ['issued', 'active'] } },
    select: { id: true, status: true, student: { select: { class: { select: { name: true } } } } },
  });
  return rows.map((r) => ({ id: r.id, status: r.status, className: r.student.class.name }));
}

/**
 * Revokes the chosen codes in one transaction; ids of other schools, used or already revoked
 * codes are passed over, and the count says how many were revoked. Each code is audited,
 * with the size of the batch it was revoked in.
 */
export async function revokeCodes(prisma: PrismaClient, input: { schoolId: string; codeIds: string[]; actor: Actor; now: Date }): Promise<{ revoked: number }> {
  return prisma.$transaction(async (tx) => {
    const codes = await findRevocableCodes(tx, input.schoolId, input.codeIds);
    if (codes.length === 0) return { revoked: 0 };
    const updated = await tx.consentCode.updateMany({ where: { id: { in: codes.map((c) => c.id) }, status: { in: ['issued', 'active'] } }, data: { status: 'revoked', revokedAt: input.now } });
    const revoked = new Set((await tx.consentCode.findMany({ where: { id: { in: codes.map((c) => c.id) }, status: 'revoked', revokedAt: input.now }, select: { id: true } })).map((c) => c.id));
    await auditConsentAction(
      tx,
      codes.filter((c) => revoked.has(c.id)).map((c) => ({ schoolId: input.schoolId, actor: input.actor, action: 'consent.code.revoke' as const, targetType: 'consent_code', targetId: c.id, details: { previousStatus: c.status, count: updated.count } })),
    );
    return { revoked: updated.count };
  });
}
