// The "forgot password" link: signed claims (account, expiry, token id and a fingerprint of
// the current password hash). UsedToken makes it single-use; the fingerprint also kills
// every older link once the password changes by any route.
import { keyedHash, randomToken } from '../../lib/keyed-hash.js';
import { readClaims, signClaims } from '../../lib/signed-claims.js';

export const RESET_TOKEN_PURPOSE = 'staff-password-reset';
export const RESET_LIFETIME_MINUTES = 60;

export interface ResetClaims {
  /** Staff user id. */
  u: string;
  /** Expiry, epoch seconds. */
  x: number;
  /** Token id, recorded in UsedToken when the link is used. */
  j: string;
  /** Fingerprint of the password hash the link was issued against. */
  p: string;
}

export function passwordFingerprint(secret: string, passwordHash: string | null): string {
  return keyedHash(secret, passwordHash ?? 'no password', `${RESET_TOKEN_PURPOSE}:fingerprint`).slice(0, 16);
}

export function signResetToken(secret: string, user: { id: string; passwordHash: string | null }, now: Date): { token: string; expiresAt: Date } {
  const expiresAt = new Date(now.getTime() + RESET_LIFETIME_MINUTES * 60_000);
  const claims: ResetClaims = { u: user.id, x: Math.floor(expiresAt.getTime() / 1000), j: randomToken(12), p: passwordFingerprint(secret, user.passwordHash) };
  return { token: signClaims(secret, RESET_TOKEN_PURPOSE, claims), expiresAt };
}

export function readResetToken(secret: string, token: string): ResetClaims | undefined {
  if (!token || token.length > 400) return undefined;
  const claims = readClaims(secret, RESET_TOKEN_PURPOSE, token);
  if (typeof claims?.u !== 'string' || typeof claims.x !== 'number' || typeof claims.j !== 'string' || typeof claims.p !== 'string') return undefined;
  return claims as unknown as ResetClaims;
}
