import type { PrismaClient } from '../../db/prisma.js';
import { auditConsentAction } from './audit-consent-action.js';
import { EMAIL_TOKEN_PURPOSE, readEmailToken, type EmailTokenClaims } from './email-token.js';
import type { Db } from './types.js';

export type VerifyEmailResult =
  | { kind: 'verified'; email: string; schoolName: string; locale: string | null }
  | { kind: 'invalid' }
  | { kind: 'expired' }
  | { kind: 'used' };

export type EmailLinkPreview = { kind: 'pending'; email: string; schoolName: string; locale: string | null } | { kind: 'invalid' | 'expired' | 'used' };

type Checked = { kind: 'ok'; claims: EmailTokenClaims } | { kind: 'invalid' | 'expired' };

function check(secret: string, token: string, now: Date): Checked {
  const claims = readEmailToken(secret, token);
  if (!claims) return { kind: 'invalid' };
  if (claims.x * 1000 <= now.getTime()) return { kind: 'expired' };
  return { kind: 'ok', claims };
}

/** The guardian whose signed form still gives that address (a withdrawal erases it, so old links die with it). */
function findGuardian(db: Db, claims: EmailTokenClaims) {
  return db.guardian.findFirst({
    where: { id: claims.g, status: 'active', consentRecords: { some: { contactEmail: claims.e, decision: 'signed', withdrawnAt: null } } },
    include: { school: true },
  });
}

/**
 * What opening the link would do, changing nothing: GET shows this with a button, because
 * mail scanners open links on their own and must not confirm an address for the parent.
 */
export async function previewEmailVerification(prisma: PrismaClient, secret: string, token: string, now: Date = new Date()): Promise<EmailLinkPreview> {
  const checked = check(secret, token, now);
  if (checked.kind !== 'ok') return { kind: checked.kind };
  const guardian = await findGuardian(prisma, checked.claims);
  if (!guardian) return { kind: 'invalid' };
  const used = await prisma.usedToken.findFirst({ where: { tokenId: checked.claims.j, purpose: EMAIL_TOKEN_PURPOSE } });
  if (used) return { kind: 'used' };
  return { kind: 'pending', email: checked.claims.e, schoolName: guardian.school.name, locale: guardian.locale };
}

/**
 * Confirms the address (the POST of the page): it becomes a verified email channel of the
 * guardian. The link works once, until it expires, and only while the signed form still gives that address.
 */
export async function verifyEmail(prisma: PrismaClient, secret: string, token: string, now: Date = new Date()): Promise<VerifyEmailResult> {
  const checked = check(secret, token, now);
  if (checked.kind !== 'ok') return { kind: checked.kind };
  const claims = checked.claims;
  return prisma.$transaction(async (tx) => {
    const guardian = await findGuardian(tx, claims);
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
