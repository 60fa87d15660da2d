// The secret part of a guardian's calendar feed URL: the guardian's id and a keyed hash of
// it with the feed's version. Nothing secret is stored; a reset bumps the version, so
// every earlier URL stops working.
import { keyedHash, safeEqual } from '../../lib/keyed-hash.js';
import { isUuid } from '../../lib/uuid.js';

const PURPOSE = 'calendar-feed';

export function calendarToken(secret: string, guardianId: string, version: number): string {
  return `${guardianId.replace(/-/g, '')}.${keyedHash(secret, `${guardianId}:${version}`, PURPOSE).slice(0, 32)}`;
}

/** The guardian a token claims to be for, before its hash is checked against their version. */
export function tokenGuardian(token: string): string | undefined {
  const [hex] = token.split('.');
  if (!hex || !/^[0-9a-f]{32}$/.test(hex)) return undefined;
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return isUuid(id) ? id : undefined;
}

export function tokenMatches(secret: string, token: string, guardianId: string, version: number): boolean {
  return version > 0 && safeEqual(token, calendarToken(secret, guardianId, version));
}
