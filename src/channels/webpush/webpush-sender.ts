// Sends outbox rows as web pushes. The web-push package signs the VAPID JWT and encrypts
// the payload (RFC 8291, aes128gcm) for the browser's keys; the request itself goes out
// through fetch, so it can be aborted with the dispatcher's signal and bounded by a timeout.
// The channel's address is a push_subscriptions id: the endpoint and keys are read at
// send time, so a browser that re-subscribed with fresh keys gets them.
import type pg from 'pg';
import webPush from 'web-push';
import type { VapidKeys } from '../../config/resolve-vapid-keys.js';
import type { ChannelSender, ClaimedMessage, SendContext, SendOutcome } from '../../modules/delivery/types.js';
import { classifyPushFailure, classifyPushResponse } from './classify-push-response.js';
import { pushPayload } from './push-payload.js';

const HOUR_S = 3600;

export interface WebPushSenderOptions {
  pool: pg.Pool;
  /** The key pair, or how to get it at the first push (a worker with no push to send writes no key file). */
  vapid: VapidKeys | (() => Promise<VapidKeys>);
  publicUrl: string;
  /** A push service without an answer after this long counts as a network error. */
  timeoutSeconds?: number;
  /** The clock, for tests. */
  now?: () => number;
}

interface StoredSubscription {
  endpoint: string;
  p256dh: string;
  auth: string;
  active: boolean;
}

export function createWebPushSender(options: WebPushSenderOptions): ChannelSender {
  const now = options.now ?? Date.now;
  const timeoutMs = (options.timeoutSeconds ?? 10) * 1000;
  let keys: Promise<VapidKeys> | undefined;
  const vapidKeys = () => (keys ??= typeof options.vapid === 'function' ? options.vapid() : Promise.resolve(options.vapid));

  async function send(message: ClaimedMessage, context?: SendContext): Promise<SendOutcome> {
    if (!message.address || !message.channelUsable) return { kind: 'fallback', error: 'webpush channel inactive', deactivateChannel: false };
    const { rows } = await options.pool.query<StoredSubscription>(`SELECT endpoint, p256dh, auth, active FROM push_subscriptions WHERE id::text = $1`, [message.address]);
    const sub = rows[0];
    if (!sub?.active) return { kind: 'fallback', error: 'webpush subscription gone', deactivateChannel: true };
    // A final grade is worth waking the phone for; the push service may drop it after the
    // 12-hour point, when the SLA check moves it to the next channel anyway.
    const ttl = message.critical ? 12 * HOUR_S : 24 * HOUR_S;
    const { subject, publicKey, privateKey } = await vapidKeys();
    const request = webPush.generateRequestDetails({ endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } }, JSON.stringify(pushPayload(message, options.publicUrl)), {
      vapidDetails: { subject, publicKey, privateKey },
      TTL: ttl,
      urgency: message.critical ? 'high' : 'normal',
      contentEncoding: 'aes128gcm',
    });
    const headers: Record<string, string> = {};
    // fetch computes Content-Length itself and refuses to be told.
    for (const [name, value] of Object.entries(request.headers)) if (name.toLowerCase() !== 'content-length') headers[name] = String(value);
    let response: Response;
    try {
      const signals = [AbortSignal.timeout(timeoutMs), ...(context ? [context.signal] : [])];
      response = await fetch(request.endpoint, { method: 'POST', headers, body: request.body ? new Uint8Array(request.body) : null, signal: AbortSignal.any(signals) });
    } catch (error) {
      if (context?.signal.aborted) return { kind: 'retry', error: 'sending stopped', countAttempt: false };
      return classifyPushFailure(error);
    }
    const text = response.ok ? '' : await response.text().catch(() => '');
    const outcome = classifyPushResponse(response.status, response.headers.get('retry-after'), text, now());
    if (outcome.kind === 'sent') {
      await options.pool.query(`UPDATE push_subscriptions SET "lastSuccessAt" = now(), "updatedAt" = now() WHERE id::text = $1`, [message.address]);
      return { kind: 'sent', providerId: response.headers.get('location')?.slice(0, 500) ?? undefined };
    }
    if ('gone' in outcome && outcome.gone) {
      await options.pool.query(`UPDATE push_subscriptions SET active = false, "updatedAt" = now() WHERE id::text = $1`, [message.address]);
      const { gone: _gone, ...rest } = outcome;
      return rest;
    }
    return outcome;
  }

  return { channelTypes: ['webpush'], send };
}
