// Signed links that work without logging in: the acknowledge link (R10), the
// one-click unsubscribe link (RFC 8058) and an announcement's attachment (/a/<token>). The token names the row, carries its expiry and
// an HMAC over both, so a link from an old email stops working after its lifetime.
import { keyedHash, safeEqual } from '../../lib/keyed-hash.js';

export type LinkPurpose = 'ack' | 'unsubscribe' | 'attachment';

/** A school year for an acknowledgment; an unsubscribe link lives as long. */
export const LINK_LIFETIME_DAYS: Record<LinkPurpose, number> = { ack: 365, unsubscribe: 365, attachment: 365 };

const LINK_PATH: Record<LinkPurpose, string> = { ack: 'ack', unsubscribe: 'unsubscribe', attachment: 'a' };

export type LinkCheck = { kind: 'valid'; id: string; expiresAt: Date } | { kind: 'expired' } | { kind: 'invalid' };

function signature(secret: string, purpose: LinkPurpose, body: string): string {
  return keyedHash(secret, body, `link:${purpose}`).slice(0, 32);
}

/** `<id>.<expiry, epoch seconds in base 36>.<HMAC>` */
export function signLinkToken(secret: string, purpose: LinkPurpose, id: string, now = new Date()): string {
  const expires = Math.floor(now.getTime() / 1000) + LINK_LIFETIME_DAYS[purpose] * 86_400;
  const body = `${id}.${expires.toString(36)}`;
  return `${body}.${signature(secret, purpose, body)}`;
}

/** Whether the token is authentic and still within its lifetime; tokens without an expiry are invalid. */
export function checkLinkToken(secret: string, purpose: LinkPurpose, token: string, now = new Date()): LinkCheck {
  const parts = token.split('.');
  if (parts.length !== 3 || token.length > 200) return { kind: 'invalid' };
  const [id, expires, sent] = parts as [string, string, string];
  if (!id || !/^[0-9a-z]{1,10}$/.test(expires) || !safeEqual(signature(secret, purpose, `${id}.${expires}`), sent)) return { kind: 'invalid' };
  const expiresAt = new Date(parseInt(expires, 36) * 1000);
  return expiresAt.getTime() <= now.getTime() ? { kind: 'expired' } : { kind: 'valid', id, expiresAt };
}

export function linkUrl(publicUrl: string, purpose: LinkPurpose, token: string): string {
  return `${publicUrl}/${LINK_PATH[purpose]}/${encodeURIComponent(token)}`;
}
