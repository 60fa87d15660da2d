// The name of the sender lease for one MAX bot: `max:<bot id>`, so only one process sends
// for a bot whichever worker holds it, exactly as `telegram:<bot id>` does for Telegram.
//
// A Telegram token carries its bot id; a MAX token does not, so the id comes from GET /me.
// When MAX cannot be asked at start, a hash of the token stands in: every worker with the
// same token derives the same name without the network, and the raw token never reaches
// the database. (Workers that started on different sides of an outage would then hold
// different leases for a while; the next restart reunites them, and MAX's 429s are still
// handled safely in the meantime.)
import { createHash } from 'node:crypto';
import type { SendRateLimiter } from '../../modules/delivery/rate-limiter.js';
import { createMaxApi } from './max-api.js';

export function maxLeaseFromToken(token: string): string {
  return `max:token-${createHash('sha256').update(token).digest('hex').slice(0, 16)}`;
}

/**
 * `limiter`: the sender's, when it is about to send. MAX counts every request against the
 * bot's rate, GET /me too, so it books a place in the same window as the first sends.
 */
export async function maxSenderLease(token: string, apiRoot: string | undefined, timeoutMs: number, limiter?: SendRateLimiter): Promise<{ name: string; fromMe: boolean }> {
  const slot = await limiter?.acquire('GET /me', { maxWaitMs: timeoutMs });
  try {
    const me = await createMaxApi(token, apiRoot, timeoutMs).getMyInfo();
    return { name: `max:${me.user_id}`, fromMe: true };
  } catch {
    return { name: maxLeaseFromToken(token), fromMe: false };
  } finally {
    slot?.done();
  }
}
