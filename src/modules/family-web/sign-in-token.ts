// The single-use sign-in link to the family page: signed claims (guardians, expiry, token
// id); UsedToken records the id when the link is opened, so it works once.
import { randomToken } from '../../lib/keyed-hash.js';
import { readClaims, signClaims } from '../../lib/signed-claims.js';

export const SIGN_IN_PURPOSE = 'family-sign-in';
export const SIGN_IN_LIFETIME_MINUTES = 15;

export interface SignInClaims {
  /** Guardian ids the session will speak for. */
  g: string[];
  /** Expiry, epoch seconds. */
  x: number;
  /** Token id. */
  j: string;
}

export function signSignInToken(secret: string, guardianIds: string[], now: Date): { token: string; expiresAt: Date } {
  const expiresAt = new Date(now.getTime() + SIGN_IN_LIFETIME_MINUTES * 60_000);
  const claims: SignInClaims = { g: guardianIds, x: Math.floor(expiresAt.getTime() / 1000), j: randomToken(12) };
  return { token: signClaims(secret, SIGN_IN_PURPOSE, claims), expiresAt };
}

export function readSignInToken(secret: string, token: string | undefined): SignInClaims | undefined {
  if (!token || token.length > 2000) return undefined;
  const claims = readClaims(secret, SIGN_IN_PURPOSE, token);
  if (!Array.isArray(claims?.g) || !claims.g.every((id) => typeof id === 'string') || typeof claims.x !== 'number' || typeof claims.j !== 'string') return undefined;
  return claims as unknown as SignInClaims;
}

export function signInUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/me/sign-in?token=${encodeURIComponent(token)}`;
}
