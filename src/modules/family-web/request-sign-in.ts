import type { PrismaClient } from '../../db/prisma.js';
import { keyedHash } from '../../lib/keyed-hash.js';
import { signInUrl, signSignInToken } from './sign-in-token.js';

export const SIGN_IN_REQUEST_ACTION = 'family.sign_in_requested';
/** Enough for a parent who lost a mail or two; more would let anyone flood someone's inbox. */
export const SIGN_IN_REQUESTS_PER_ADDRESS_PER_HOUR = 5;
/** One client (a school's shared computer, say) may ask for a few families. */
export const SIGN_IN_REQUESTS_PER_CLIENT_PER_HOUR = 10;

export interface SignInMail {
  to: string;
  url: string;
  expiresAt: Date;
  schoolName: string;
  locale: 'ru' | 'en';
}

/**
 * A sign-in link for the guardians whose verified, working email this is — or null for an
 * unknown address, a withdrawn family or too many requests alike, so the page answers every
 * request the same way. Every request is audited with hashed identifiers only.
 */
export async function requestSignIn(
  prisma: PrismaClient,
  secret: string,
  input: { email: string; client: string; publicUrl: string; now: Date },
): Promise<SignInMail | null> {
  const email = input.email.trim().toLowerCase().slice(0, 254);
  const address = keyedHash(secret, email, 'family-sign-in-address').slice(0, 32);
  const client = keyedHash(secret, input.client, 'family-sign-in-client').slice(0, 32);
  const since = new Date(input.now.getTime() - 3600_000);
  const [byAddress, byClient] = await Promise.all([
    prisma.auditLog.count({ where: { action: SIGN_IN_REQUEST_ACTION, targetId: address, createdAt: { gt: since, lte: input.now } } }),
    prisma.auditLog.count({ where: { action: SIGN_IN_REQUEST_ACTION, details: { path: ['client'], equals: client }, createdAt: { gt: since, lte: input.now } } }),
  ]);
  const channels = email
    ? await prisma.channel.findMany({
        where: { type: 'email', address: email, verified: true, active: true, guardian: { status: 'active' } },
        include: { guardian: { include: { school: { select: { id: true, name: true, defaultLocale: true } } } } },
        orderBy: { createdAt: 'asc' },
      })
    : [];
  const limited = byAddress >= SIGN_IN_REQUESTS_PER_ADDRESS_PER_HOUR || byClient >= SIGN_IN_REQUESTS_PER_CLIENT_PER_HOUR;
  const first = channels[0]?.guardian;
  await prisma.auditLog.create({
    data: {
      schoolId: first?.schoolId ?? null,
      actorType: 'anonymous',
      action: SIGN_IN_REQUEST_ACTION,
      targetType: 'email',
      targetId: address,
      details: { client, known: Boolean(first), limited },
      createdAt: input.now,
    },
  });
  if (!first || limited) return null;
  const guardianIds = [...new Set(channels.map((c) => c.guardianId))];
  const { token, expiresAt } = signSignInToken(secret, guardianIds, input.now);
  return { to: email, url: signInUrl(input.publicUrl, token), expiresAt, schoolName: first.school.name, locale: (first.locale ?? first.school.defaultLocale) as 'ru' | 'en' };
}
