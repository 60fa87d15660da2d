import type { PrismaClient } from '../../db/prisma.js';
import { auditConsentAction } from './audit-consent-action.js';
import { EMAIL_TOKEN_PURPOSE, readEmailToken } from './email-token.js';

export type VerifyEmailResult =
  | { kind: 'verified'; email: string; schoolName: string; locale: string | null }
  | { kind: 'invalid' }
  | { kind: 'expired' }
  | { kind: 'used' };

/**
 * Opens a confirmation link: the address becomes a verified email channel of the guardian.
 * The link works once, until it expires, and only while the signed form still gives that
 * address (a withdrawal erases it, so old links die with it).
 */
export async function verifyEmail(prisma: PrismaClient, secret: string, token: string, now: Date = new Date()): Promise<VerifyEmailResult> {
  const claims = readEmailToken(secret, token);
  if (!claims) return { kind: 'invalid' };
  if (claims.x * 1000 <= now.getTime()) return { kind: 'expired' };
  return prisma.$transaction(async (tx) => {
    const guardian = await tx.guardian.findFirst({
      where: { id: claims.g, status: 'active', consentRecords: { some: { contactEmail: claims.e, decision: 'signed', withdrawnAt: null } } },
      include: { school: true },
    });
    if (!guardian) return { kind: 'invalid' as const };
    const used = await tx.usedToken.createMany({ data: [{ tokenId: claims.j, purpose: EMAIL_TOKEN_PURPOSE, usedAt: now }], skipDuplicates: true });
    if (used.count === 0) return { kind: 'used' as const };
    await tx.channel.upsert({
      where: { guardianId_type_address: { guardianId: guardian.id, type: 'email', address: claims.e } },
      create: { guardianId: guardian.id, type: 'email', address: claims.e, verified: true },
      update: { verified: true, active: true, inactiveReason: null },
    });
    await auditConsentAction(tx, {
      schoolId: guardian.schoolId,
      actor: { type: 'guardian', id: guardian.id },
      action: 'consent.email.verify',
      targetType: 'guardian',
      targetId: guardian.id,
    });
    return { kind: 'verified' as const, email: claims.e, schoolName: guardian.school.name, locale: guardian.locale };
  });
}
