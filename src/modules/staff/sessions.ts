import type { PrismaClient } from '../../db/prisma.js';
import { keyedHash, randomToken } from '../../lib/keyed-hash.js';
import { toPrincipal, type StaffPrincipal } from './staff-principal.js';

export const SESSION_PURPOSE = 'staff-session';
export const SESSION_LIFETIME_HOURS = 12;

export interface NewSession {
  /** Goes into the cookie; only its keyed hash is stored. */
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export interface ActiveSession {
  id: string;
  csrfToken: string;
  expiresAt: Date;
  user: StaffPrincipal;
}

function hashSessionToken(secret: string, token: string): string {
  return keyedHash(secret, token, SESSION_PURPOSE);
}

export async function createSession(prisma: PrismaClient, secret: string, userId: string, now = new Date(), lifetimeHours = SESSION_LIFETIME_HOURS): Promise<NewSession> {
  const token = randomToken(32);
  const csrfToken = randomToken(24);
  const expiresAt = new Date(now.getTime() + lifetimeHours * 3600_000);
  // Connecting the user fills in its school too, which keys the session.
  await prisma.staffSession.create({ data: { user: { connect: { id: userId } }, tokenHash: hashSessionToken(secret, token), csrfToken, expiresAt } });
  return { token, csrfToken, expiresAt };
}

/** The live session behind a cookie, or null; expired sessions are deleted on sight. */
export async function lookupSession(prisma: PrismaClient, secret: string, token: string | undefined, now = new Date()): Promise<ActiveSession | null> {
  if (!token || token.length > 200) return null;
  const session = await prisma.staffSession.findFirst({ where: { tokenHash: hashSessionToken(secret, token) }, include: { user: true } });
  if (!session) return null;
  if (session.expiresAt <= now || session.user.disabledAt) {
    await prisma.staffSession.deleteMany({ where: { schoolId: session.schoolId, id: session.id } });
    return null;
  }
  return { id: session.id, csrfToken: session.csrfToken, expiresAt: session.expiresAt, user: toPrincipal(session.user) };
}

export async function endSession(prisma: PrismaClient, secret: string, token: string | undefined): Promise<void> {
  if (!token) return;
  await prisma.staffSession.deleteMany({ where: { tokenHash: hashSessionToken(secret, token) } });
}

/** Removes sessions past their expiry (lookups also refuse them). */
export async function expireSessions(prisma: PrismaClient, now = new Date()): Promise<number> {
  const { count } = await prisma.staffSession.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}
