import { keyedHash } from '../../lib/keyed-hash.js';

/**
 * What attempt counters and the audit log keep instead of a raw chat id: it still tells
 * attempts from one chat apart, and nothing needs erasing from them on withdrawal.
 */
export function chatKey(secret: string, chatId: string): string {
  return keyedHash(secret, chatId, 'chat').slice(0, 32);
}
