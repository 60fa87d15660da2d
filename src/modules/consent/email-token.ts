import { keyedHash, randomToken, safeEqual } from '../../lib/keyed-hash.js';

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

/** `<claims as base64url JSON>.<HMAC>`: the server keeps nothing until the link is used. */
export function signEmailToken(secret: string, claims: Omit<EmailTokenClaims, 'j' | 'x'>, now: Date = new Date(), ttlMs = EMAIL_TOKEN_TTL_MS): string {
  const full: EmailTokenClaims = { ...claims, x: Math.floor((now.getTime() + ttlMs) / 1000), j: randomToken(12) };
  const body = Buffer.from(JSON.stringify(full)).toString('base64url');
  return `${body}.${keyedHash(secret, body, EMAIL_TOKEN_PURPOSE)}`;
}

/** The claims of an authentic token (expired or not), or undefined for anything forged or mangled. */
export function readEmailToken(secret: string, token: string): EmailTokenClaims | undefined {
  const [body, signature, extra] = token.trim().split('.');
  if (!body || !signature || extra !== undefined) return undefined;
  if (!safeEqual(signature, keyedHash(secret, body, EMAIL_TOKEN_PURPOSE))) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<EmailTokenClaims>;
    if (typeof claims.g !== 'string' || typeof claims.e !== 'string' || typeof claims.x !== 'number' || typeof claims.j !== 'string') return undefined;
    return claims as EmailTokenClaims;
  } catch {
    return undefined;
  }
}
