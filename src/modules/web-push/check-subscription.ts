import { createECDH } from 'node:crypto';
import { isIP } from 'node:net';
import { AppError } from '../../lib/app-error.js';
import { illFormedReason } from '../../lib/well-formed-text.js';

/** Push services' endpoints are a few hundred characters; anything longer is not one. */
export const MAX_ENDPOINT_LENGTH = 2048;
const MAX_LABEL_LENGTH = 100;

export interface SubscriptionInput {
  endpoint: string;
  /** The browser's P-256 public key, base64url (padding tolerated). */
  p256dh: string;
  /** The browser's 16-byte auth secret, base64url. */
  auth: string;
  userAgent?: string | null;
}

export interface CheckedSubscription {
  endpoint: string;
  p256dh: string;
  auth: string;
  userAgent: string | null;
}

export interface CheckOptions {
  /**
   * Plain-HTTP endpoints on loopback: only for a deployment that itself runs on loopback
   * (a developer's machine), never for one reachable from outside, where they would let a
   * family make the server post to its own local services.
   */
  allowLoopbackHttp?: boolean;
}

function invalid(field: string, reason: string): never {
  throw new AppError('INVALID_INPUT', `${field}: ${reason}`, { field, reason });
}

function text(field: string, value: unknown, maxLength: number): string {
  if (typeof value !== 'string' || value.length === 0) invalid(field, 'required');
  if (value.length > maxLength) invalid(field, 'tooLong');
  if (illFormedReason(value)) invalid(field, 'illFormed');
  return value;
}

function base64url(field: string, value: unknown, bytes: number): Buffer {
  const given = text(field, value, 200).replace(/=+$/, '');
  if (!/^[A-Za-z0-9_-]+$/.test(given)) invalid(field, 'notBase64url');
  const raw = Buffer.from(given, 'base64url');
  if (raw.length !== bytes) invalid(field, 'wrongLength');
  return raw;
}

const isLoopback = (host: string) => host === 'localhost' || host === '[::1]' || (isIP(host) === 4 && host.startsWith('127.'));

/** A subscription as the browser's PushSubscription.toJSON() gives it, checked before anything is stored. */
export function checkSubscription(input: SubscriptionInput, options: CheckOptions = {}): CheckedSubscription {
  const endpoint = text('endpoint', input.endpoint, MAX_ENDPOINT_LENGTH);
  if (!URL.canParse(endpoint)) invalid('endpoint', 'notUrl');
  const url = new URL(endpoint);
  const secure = url.protocol === 'https:' && !url.username && !url.password;
  if (!secure && !(options.allowLoopbackHttp && url.protocol === 'http:' && isLoopback(url.hostname))) invalid('endpoint', 'notHttps');
  const key = base64url('keys.p256dh', input.p256dh, 65);
  try {
    // Throws unless the bytes are a point on P-256: a key we could never encrypt to is refused now, not at the first push.
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    ecdh.computeSecret(key);
  } catch {
    invalid('keys.p256dh', 'notP256');
  }
  const auth = base64url('keys.auth', input.auth, 16);
  const label = typeof input.userAgent === 'string' && input.userAgent ? text('userAgent', input.userAgent.slice(0, MAX_LABEL_LENGTH), MAX_LABEL_LENGTH) : null;
  return { endpoint, p256dh: key.toString('base64url'), auth: auth.toString('base64url'), userAgent: label };
}
