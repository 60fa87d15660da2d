// Signed links that work without logging in: the acknowledge link (R10) and the
// one-click unsubscribe link (RFC 8058). The token names the row and carries an HMAC.
import { keyedHash, safeEqual } from '../../lib/keyed-hash.js';

export type LinkPurpose = 'ack' | 'unsubscribe';

export function signLinkToken(secret: string, purpose: LinkPurpose, id: string): string {
  return `${id}.${keyedHash(secret, id, `link:${purpose}`).slice(0, 32)}`;
}

/** The id the token was signed for, or undefined when the signature does not match. */
export function verifyLinkToken(secret: string, purpose: LinkPurpose, token: string): string | undefined {
  const dot = token.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const id = token.slice(0, dot);
  return safeEqual(signLinkToken(secret, purpose, id), token) ? id : undefined;
}

export function linkUrl(publicUrl: string, purpose: LinkPurpose, token: string): string {
  return `${publicUrl}/${purpose === 'ack' ? 'ack' : 'unsubscribe'}/${encodeURIComponent(token)}`;
}
