// Claims due outbox rows for one worker. A claim is a lease: `claimedUntil` is renewed by
// the holder's heartbeat, so rows of a worker that died are claimed again shortly after
// it stopped renewing, while rows a live worker waits on stay its own. Each claim gets a
// new `claimToken` that every completion must carry.
import type pg from 'pg';
import type { ChannelType } from '../notifications/types.js';
import type { ClaimedMessage } from './types.js';

export interface ClaimOptions {
  channelTypes: readonly ChannelType[];
  limit: number;
  workerId: string;
  leaseMs: number;
  /** Rows the caller holds already: a dispatcher is never handed its own rows again. */
  exclude?: readonly string[];
  /**
   * Whether rows whose holder's lease lapsed may be taken over (default true). False right
   * after a database outage: every holder's lease lapsed then, and the live ones first
   * record what they sent meanwhile, or those messages would go out a second time.
   */
  takeOver?: boolean;
  /** Only this bot's rows: each bot has one sender across the workers, the holder of its lease. */
  botId?: string;
}

export async function claimOutbox(pool: pg.Pool, options: ClaimOptions): Promise<ClaimedMessage[]> {
  const { rows } = await pool.query<ClaimedMessage>(
    `WITH picked AS (
       SELECT id FROM outbox_messages
        WHERE "channelType" = ANY($1::"ChannelType"[])
          AND ((status = 'queued' AND "nextAttemptAt" <= now())
               OR (status = 'sending' AND $6 AND COALESCE("claimedUntil", '-infinity') < now()))
          AND id <> ALL($5::uuid[])
          AND ($7::uuid IS NULL OR "botId" = $7::uuid)
        -- A row whose holder died was first in line once already: it goes before fresh ones.
        ORDER BY critical DESC, (status = 'sending') DESC, "nextAttemptAt"
        LIMIT $2
        FOR UPDATE SKIP LOCKED)
     UPDATE outbox_messages o
        SET status = 'sending', "claimedAt" = now(), "claimedUntil" = now() + make_interval(secs => $4::float8 / 1000),
            "claimedBy" = $3, "claimToken" = gen_random_uuid(), attempts = o.attempts + 1, "updatedAt" = now()
       FROM picked
      WHERE o.id = picked.id
     RETURNING o.id, o."schoolId", o."guardianId", o."channelId", o."channelType"::text AS "channelType", o.kind, o.critical,
               o.payload, o.attempts, o."claimToken", o."partsSent", o."providerId", o."createdAt", o."deadlineAt",
               (SELECT c.address FROM channels c WHERE c.id = o."channelId") AS address,
               -- A row another channel fell back to may use a verified contact the guardian did not
               -- pick for everyday messages, as nextChannel chose it; planned rows need it enabled.
               COALESCE((SELECT c.active AND (c.enabled OR (c.verified AND EXISTS (SELECT 1 FROM outbox_messages f WHERE f."fallbackId" = o.id)))
                           FROM channels c WHERE c.id = o."channelId"), o."channelId" IS NULL) AS "channelUsable"`,
    [options.channelTypes, options.limit, options.workerId, options.leaseMs, options.exclude ?? [], options.takeOver ?? true, options.botId ?? null],
  );
  return rows;
}
