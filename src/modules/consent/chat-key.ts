import { keyedHash } from '../../lib/keyed-hash.js';

/**
 * What attempt counters and the audit log keep instead of a raw chat id: it still tells
 * attempts from one chat apart, and nothing needs erasing from them on withdrawal.
 * Telegram's ids keep their earlier form; other messengers' ids are prefixed, since a
 * MAX user id may equal some Telegram chat id.
 */
export function chatKey(secret: string, chatId: string, channel: string = 'telegram'): string {
  return keyedHash(secret, channel === 'telegram' ? chatId : `${channel}:${chatId}`, 'chat').slice(0, 32);
}
