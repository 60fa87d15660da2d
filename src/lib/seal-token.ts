// Secrets we must be able to read back (a school's bot token), encrypted at rest with
// AES-256-GCM. The key is derived from VESTNIK_SECRET with HKDF, one key per purpose, so
// a leaked database dump alone reveals nothing and a tampered ciphertext fails to open.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { AppError } from './app-error.js';

const VERSION = 'v1';

function deriveKey(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'vestnik-seal', purpose, 32));
}

/** `v1.<base64url of iv | tag | ciphertext>`. */
export function sealToken(secret: string, plaintext: string, purpose = 'bot-token'): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(secret, purpose), iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
}

export function openToken(secret: string, sealed: string, purpose = 'bot-token'): string {
  const [version, data] = sealed.split('.', 2);
  const raw = version === VERSION && data ? Buffer.from(data, 'base64url') : Buffer.alloc(0);
  if (raw.length < 29) throw new AppError('UNAVAILABLE', 'the stored token is not a sealed token');
  try {
    const decipher = createDecipheriv('aes-256-gcm', deriveKey(secret, purpose), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    // A different VESTNIK_SECRET, or the row was altered: never a garbled token.
    throw new AppError('UNAVAILABLE', 'the stored token cannot be decrypted with this VESTNIK_SECRET');
  }
}

/** What a person may see of a token: its last four characters. */
export function maskToken(token: string): string {
  return `••••${token.slice(-4)}`;
}
