import { randomToken } from '../../lib/keyed-hash.js';
import { readClaims, signClaims } from '../../lib/signed-claims.js';

export const EMAIL_TOKEN_PURPOSE = 'email-verify';
/** Long enough for a parent who reads mail weekly, short enough that an old link is dead. */
export const EMAIL_TOKEN_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface EmailTokenClaims {
  /** Guardian id. */
  g: string;
  /** The address being confirmed. */
  e: string;
  /** Expiry, epoch seconds. */
  x: number;
  /** Token id: what UsedToken records so the link works once. */
  j: string;
}

export function signEmailToken(secret: string, claims: Omit<EmailTokenClaims, 'j' | 'x'>, now: Date = new Date(), ttlMs = EMAIL_TOKEN_TTL_MS): string {
  const full: EmailTokenClaims = { ...claims, x: Math.floor((now.getTime() + ttlMs) / 1000), j: randomToken(12) };
  return signClaims(secret, EMAIL_TOKEN_PURPOSE, full);
}

/** The claims of an authentic token (expired or not), or undefined for anything forged or mangled. */
export function readEmailToken(secret: string, token: string): EmailTokenClaims | undefined {
  const claims = readClaims(secret, EMAIL_TOKEN_PURPOSE, token);
  if (typeof claims?.g !== 'string' || typeof claims.e !== 'string' || typeof claims.x !== 'number' || typeof claims.j !== 'string') return undefined;
  return claims as unknown as EmailTokenClaims;
}
