// Sends outbox rows as web pushes to every browser the guardian turned them on in (a phone
// and a computer both ring; the notification's tag keeps a repeat from showing twice).
// The planner chose one webpush channel; its address is a push_subscriptions id, and the
// guardian's other active subscriptions are read at send time with it, so a browser that
// re-subscribed with fresh keys gets them.
//
// One browser accepting is a send. A browser the push service no longer knows (404, 410) is
// turned off with its channel; when every one is gone the message falls back. Otherwise a
// temporary failure (429, 5xx, no answer) retries the message.
import type pg from 'pg';
import type { VapidKeys } from '../../config/resolve-vapid-keys.js';
import type { ChannelSender, ClaimedMessage, SendContext, SendOutcome } from '../../modules/delivery/types.js';
import type { PushOutcome } from './classify-push-response.js';
import { pushPayload } from './push-payload.js';
import { pushToBrowser, type BrowserSubscription } from './push-to-browser.js';

const HOUR_S = 3600;
/** Browsers a message goes to at most: a family's devices, not a mailing list. */
const MAX_BROWSERS = 10;

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

/**
 * The chosen browser first, then the guardian's other active ones, newest first. Every query
 * of push_subscriptions names the message's school: sharded by school, it is answered by that school's shard alone.
 */
const BROWSERS = `
  SELECT id::text, endpoint, p256dh, auth FROM push_subscriptions
   WHERE "schoolId" = $3::uuid AND active AND (id::text = $1 OR "guardianId" = $2::uuid)
   ORDER BY id::text = $1 DESC, "createdAt" DESC LIMIT ${MAX_BROWSERS}`;

/** No browser accepted: retry if any may still, else fall back (turning the chosen channel off if its browser is gone). */
function combine(outcomes: PushOutcome[], chosenGone: boolean): SendOutcome {
  const retries = outcomes.filter((o): o is Extract<SendOutcome, { kind: 'retry' }> => o.kind === 'retry');
  if (retries.length > 0) {
    const waits = retries.map((r) => r.afterMs).filter((ms): ms is number => ms !== undefined);
    return { kind: 'retry', error: retries[0]!.error, countAttempt: retries.some((r) => r.countAttempt), afterMs: waits.length ? Math.max(...waits) : undefined };
  }
  const refusals = outcomes.filter((o): o is Extract<SendOutcome, { kind: 'fallback' }> & PushOutcome => o.kind === 'fallback');
  const refusal = refusals.find((o) => !o.gone) ?? refusals[0];
  return { kind: 'fallback', error: refusal?.error ?? 'webpush: no browser accepted', deactivateChannel: chosenGone };
}

export function createWebPushSender(options: WebPushSenderOptions): ChannelSender {
  const now = options.now ?? Date.now;
  const timeoutMs = (options.timeoutSeconds ?? 10) * 1000;
  let keys: Promise<VapidKeys> | undefined;
  const vapidKeys = () => (keys ??= typeof options.vapid === 'function' ? options.vapid() : Promise.resolve(options.vapid));

  async function send(message: ClaimedMessage, context?: SendContext): Promise<SendOutcome> {
    if (!message.address || !message.channelUsable || !message.guardianId) return { kind: 'fallback', error: 'webpush channel inactive', deactivateChannel: false };
    const { rows } = await options.pool.query<BrowserSubscription>(BROWSERS, [message.address, message.guardianId, message.schoolId]);
    if (rows[0]?.id !== message.address) return { kind: 'fallback', error: 'webpush subscription gone', deactivateChannel: true };
    const vapid = await vapidKeys();
    const push = {
      payload: JSON.stringify(pushPayload(message, options.publicUrl)),
      // A final grade is worth waking the phone for; the push service may drop it after the
      // 12-hour point, when the SLA check moves it to the next channel anyway.
      ttlSeconds: message.critical ? 12 * HOUR_S : 24 * HOUR_S,
      urgency: message.critical ? ('high' as const) : ('normal' as const),
      timeoutMs,
      signal: context?.signal,
      now: now(),
    };
    const outcomes = await Promise.all(rows.map((sub) => pushToBrowser(sub, vapid, push)));
    const accepted = rows.filter((_, i) => outcomes[i]!.kind === 'sent').map((s) => s.id);
    const gone = rows.filter((_, i) => outcomes[i]!.gone).map((s) => s.id);
    if (accepted.length > 0) await options.pool.query(`UPDATE push_subscriptions SET "lastSuccessAt" = now(), "updatedAt" = now() WHERE "schoolId" = $2::uuid AND id = ANY($1::uuid[])`, [accepted, message.schoolId]);
    if (gone.length > 0) {
      await options.pool.query(`UPDATE push_subscriptions SET active = false, "updatedAt" = now() WHERE "schoolId" = $2::uuid AND id = ANY($1::uuid[])`, [gone, message.schoolId]);
      // The chosen browser's channel is turned off by the fallback when nothing else accepted.
      const others = gone.filter((id) => id !== message.address || accepted.length > 0);
      if (others.length > 0) await options.pool.query(`UPDATE channels SET active = false, "inactiveReason" = 'push subscription gone', "updatedAt" = now() WHERE type = 'webpush' AND address = ANY($1::text[])`, [others]);
    }
    if (context?.signal.aborted && accepted.length === 0) return { kind: 'retry', error: 'sending stopped', countAttempt: false };
    const sent = outcomes.find((o) => o.kind === 'sent') as { location?: string } | undefined;
    if (sent) return { kind: 'sent', providerId: sent.location };
    return combine(outcomes, gone.includes(message.address));
  }

  return { channelTypes: ['webpush'], send };
}
