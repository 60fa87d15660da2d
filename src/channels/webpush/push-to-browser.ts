// One encrypted, signed push to one browser. The web-push package signs the VAPID JWT and
// encrypts the payload (RFC 8291, aes128gcm) for the browser's keys; the request itself goes
// out through fetch, so it can be aborted with the dispatcher's signal and bounded by a timeout.
import { sendSignal } from '../../lib/send-signal.js';
import webPush from 'web-push';
import type { VapidKeys } from '../../config/resolve-vapid-keys.js';
import { classifyPushFailure, classifyPushResponse, type PushOutcome } from './classify-push-response.js';

export interface BrowserSubscription {
  id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
}

export interface PushRequest {
  payload: string;
  ttlSeconds: number;
  urgency: 'high' | 'normal';
  timeoutMs: number;
  signal?: AbortSignal;
  now: number;
}

export async function pushToBrowser(sub: BrowserSubscription, vapid: VapidKeys, push: PushRequest): Promise<PushOutcome & { location?: string }> {
  const request = webPush.generateRequestDetails({ endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } }, push.payload, {
    vapidDetails: { subject: vapid.subject, publicKey: vapid.publicKey, privateKey: vapid.privateKey },
    TTL: push.ttlSeconds,
    urgency: push.urgency,
    contentEncoding: 'aes128gcm',
  });
  const headers: Record<string, string> = {};
  // fetch computes Content-Length itself and refuses to be told.
  for (const [name, value] of Object.entries(request.headers)) if (name.toLowerCase() !== 'content-length') headers[name] = String(value);
  let response: Response;
  // Our own timer, not AbortSignal.timeout inside AbortSignal.any: see src/lib/send-signal.ts.
  const timeout = sendSignal(push.timeoutMs, push.signal);
  let text = '';
  try {
    response = await fetch(request.endpoint, { method: 'POST', headers, body: request.body ? new Uint8Array(request.body) : null, signal: timeout.signal });
    if (!response.ok) text = await response.text().catch(() => '');
  } catch (error) {
    if (push.signal?.aborted) return { kind: 'retry', error: 'sending stopped', countAttempt: false };
    return classifyPushFailure(error);
  } finally {
    timeout.done();
  }
  const outcome = classifyPushResponse(response.status, response.headers.get('retry-after'), text, push.now);
  return outcome.kind === 'sent' ? { ...outcome, location: response.headers.get('location')?.slice(0, 500) ?? undefined } : outcome;
}
