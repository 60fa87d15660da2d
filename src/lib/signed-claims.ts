// `<claims as base64url JSON>.<HMAC>`: links that carry their own facts (who, until when,
// which token id), so the server keeps nothing until the link is used.
import { keyedHash, safeEqual } from './keyed-hash.js';

export function signClaims(secret: string, purpose: string, claims: object): string {
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${body}.${keyedHash(secret, body, purpose)}`;
}

/** The parsed claims of an authentic token, or undefined for anything forged or mangled. */
export function readClaims(secret: string, purpose: string, token: string): Record<string, unknown> | undefined {
  const [body, signature, extra] = token.trim().split('.');
  if (!body || !signature || extra !== undefined) return undefined;
  if (!safeEqual(signature, keyedHash(secret, body, purpose))) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    return claims && typeof claims === 'object' && !Array.isArray(claims) ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
