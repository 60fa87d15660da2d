import type { PrismaClient } from '../../db/prisma.js';
import { keyedHash, randomToken } from '../../lib/keyed-hash.js';
import { hasStandingConsent } from '../students/has-standing-consent.js';

export const FAMILY_SESSION_PURPOSE = 'family-session';
export const FAMILY_SESSION_DAYS = 30;

export interface FamilySession {
  id: string;
  guardianIds: string[];
  /** A student's own session (signed in with a student code): no guardians, this student's views only. */
  studentId: string | null;
  csrfToken: string;
  expiresAt: Date;
}

const hash = (secret: string, token: string) => keyedHash(secret, token, FAMILY_SESSION_PURPOSE);

/** A new session of 30 days on this device; the token goes into the cookie, its hash into the table. */
export async function createFamilySession(prisma: Pick<PrismaClient, 'familySession'>, secret: string, guardianIds: string[], now: Date): Promise<{ id: string; token: string; expiresAt: Date }> {
  const token = randomToken(32);
  const expiresAt = new Date(now.getTime() + FAMILY_SESSION_DAYS * 86_400_000);
  const row = await prisma.familySession.create({ data: { tokenHash: hash(secret, token), guardianIds, csrfToken: randomToken(24), createdAt: now, expiresAt } });
  return { id: row.id, token, expiresAt };
}

/** The live session behind a cookie, or null; an expired one is deleted on sight, and so is one whose guardians all withdrew. */
export async function lookupFamilySession(prisma: PrismaClient, secret: string, token: string | undefined, now: Date): Promise<FamilySession | null> {
  if (!token || token.length > 200) return null;
  const session = await prisma.familySession.findUnique({ where: { tokenHash: hash(secret, token) } });
  if (!session) return null;
  if (session.guardianIds.length === 0) return lookupStudentSession(prisma, session, now);
  const active = session.expiresAt > now ? await prisma.guardian.findMany({ where: { id: { in: session.guardianIds }, status: 'active' }, select: { id: true } }) : [];
  if (active.length === 0) {
    await prisma.familySession.deleteMany({ where: { id: session.id } });
    return null;
  }
  return { id: session.id, guardianIds: session.guardianIds.filter((id) => active.some((g) => g.id === id)), studentId: null, csrfToken: session.csrfToken, expiresAt: session.expiresAt };
}

/** A student's session lives while its account does and a guardian's consent stands. */
async function lookupStudentSession(prisma: PrismaClient, session: { id: string; csrfToken: string; expiresAt: Date }, now: Date): Promise<FamilySession | null> {
  const account = session.expiresAt > now ? await prisma.studentAccount.findFirst({ where: { channel: 'web', address: session.id } }) : null;
  if (!account || !(await hasStandingConsent(prisma, account.studentId))) {
    await prisma.$transaction([prisma.studentAccount.deleteMany({ where: { channel: 'web', address: session.id } }), prisma.familySession.deleteMany({ where: { id: session.id } })]);
    return null;
  }
  return { id: session.id, guardianIds: [], studentId: account.studentId, csrfToken: session.csrfToken, expiresAt: session.expiresAt };
}

export async function endFamilySession(prisma: PrismaClient, sessionId: string): Promise<void> {
  // A student signing out ends the account the session was; the next sign-in needs a new code.
  await prisma.studentAccount.deleteMany({ where: { channel: 'web', address: sessionId } });
  await prisma.familySession.deleteMany({ where: { id: sessionId } });
}

/** "Sign out everywhere", and what a withdrawal does: every session of these guardians ends. */
export async function endGuardianSessions(prisma: Pick<PrismaClient, 'familySession'>, guardianIds: string[]): Promise<number> {
  const { count } = await prisma.familySession.deleteMany({ where: { guardianIds: { hasSome: guardianIds } } });
  return count;
}
