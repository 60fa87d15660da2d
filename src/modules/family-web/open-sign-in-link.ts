import type { PrismaClient } from '../../db/prisma.js';
import { createFamilySession } from './family-sessions.js';
import { readSignInToken, SIGN_IN_PURPOSE } from './sign-in-token.js';

export const SIGN_IN_ACTION = 'family.signed_in';

/**
 * Opens a sign-in link: authentic, unexpired, never used, and for guardians who are still
 * active. The token id is recorded in the same transaction that creates the session, so
 * two tabs opening one link get one session.
 */
export async function openSignInLink(prisma: PrismaClient, secret: string, token: string | undefined, now: Date): Promise<{ token: string; expiresAt: Date; guardianIds: string[] } | null> {
  const claims = readSignInToken(secret, token);
  if (!claims || claims.x * 1000 <= now.getTime()) return null;
  const guardians = await prisma.guardian.findMany({ where: { id: { in: claims.g }, status: 'active' }, select: { id: true, schoolId: true } });
  if (guardians.length === 0) return null;
  const used = await prisma.usedToken.createMany({ data: [{ tokenId: claims.j, purpose: SIGN_IN_PURPOSE, usedAt: now }], skipDuplicates: true });
  if (used.count === 0) return null;
  const guardianIds = guardians.map((g) => g.id);
  const session = await createFamilySession(prisma, secret, guardianIds, now);
  await prisma.auditLog.createMany({
    data: guardians.map((g) => ({ schoolId: g.schoolId, actorType: 'guardian', actorId: g.id, action: SIGN_IN_ACTION, targetType: 'guardian', targetId: g.id, createdAt: now })),
  });
  return { ...session, guardianIds };
}
