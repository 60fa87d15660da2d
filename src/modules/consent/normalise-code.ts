import { keyedHash } from '../../lib/keyed-hash.js';
import { CODE_HASH_PURPOSE, NORMALISED_CODE_PATTERN } from './code-format.js';

/**
 * A code as a person typed it (any case, with or without dashes or spaces) in its
 * canonical form, or undefined when it cannot be a code at all. Look-alike letters
 * are mapped to the digits the alphabet uses for them.
 */
export function normaliseCode(input: string): string | undefined {
  const compact = input
    .toUpperCase()
    .replace(/[\s\u00a0_-]+/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return NORMALISED_CODE_PATTERN.test(compact) ? compact : undefined;
}

/** Text that a parent most likely meant as a code (so a typo still counts as an attempt). */
export function looksLikeCode(input: string): boolean {
  const text = input.trim();
  // A well-formed code counts even without digits (about 1 code in 200 has none).
  if (normaliseCode(text)) return true;
  if (!/^[A-Za-z0-9\s_-]{10,30}$/.test(text) || !/\d/.test(text)) return false;
  const compact = text.replace(/[\s_-]+/g, '');
  return compact.length >= 10 && compact.length <= 18;
}

export function hashCode(secret: string, normalised: string): string {
  return keyedHash(secret, normalised, CODE_HASH_PURPOSE);
}
