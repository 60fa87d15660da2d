// Button payloads are limited to 64 bytes (Telegram's limit, the tighter of the two messengers).
// Ids travel as 22-character base64url instead of 36-character UUIDs, so a button can name a child and a subject.
import { isUuid } from '../../lib/uuid.js';

export const MAX_CALLBACK_BYTES = 64;

export function shortId(uuid: string): string {
  if (!isUuid(uuid)) throw new Error(`not a uuid: ${uuid}`);
  return Buffer.from(uuid.replace(/-/g, ''), 'hex').toString('base64url');
}

/** The UUID behind a short id, or null when the text is not one (tampered data). */
export function longId(short: string | undefined): string | null {
  if (!short || !/^[A-Za-z0-9_-]{22}$/.test(short)) return null;
  const hex = Buffer.from(short, 'base64url').toString('hex');
  if (hex.length !== 32) return null;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Joins an action and its arguments; throws rather than let Telegram refuse the keyboard. */
export function callbackData(...parts: string[]): string {
  const data = parts.join(':');
  if (Buffer.byteLength(data, 'utf8') > MAX_CALLBACK_BYTES) throw new Error(`callback data over ${MAX_CALLBACK_BYTES} bytes: ${data}`);
  return data;
}
