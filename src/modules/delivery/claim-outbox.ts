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

// One channel type is an equality, so the partial index gives the rows in send order; a list
// would be read whole and sorted.
const scope = (types: string) => `"channelType" ${types} AND id <> ALL($5::uuid[]) AND ($7::uuid IS NULL OR "botId" = $7::uuid)`;
const ONE_TYPE = claimSql(scope('= ($1::"ChannelType"[])[1]'));
const TYPES = claimSql(scope('= ANY($1::"ChannelType"[])'));

export async function claimOutbox(pool: pg.Pool, options: ClaimOptions): Promise<ClaimedMessage[]> {
  const { rows } = await pool.query<ClaimedMessage>(options.channelTypes.length === 1 ? ONE_TYPE : TYPES, [
    options.channelTypes, options.limit, options.workerId, options.leaseMs, options.exclude ?? [], options.takeOver ?? true, options.botId ?? null,
  ]);
  return rows;
}

// Queued rows and rows whose holder's lease lapsed are picked by two index scans (partial
// indexes on queued rows, per bot and per channel type), each already in send order, so a
// claim reads the rows it takes and not the whole queue; the merge puts them in line.
function claimSql(SCOPE: string): string {
  return (
    `WITH queued AS (
       SELECT id, critical, false AS lapsed, "nextAttemptAt" FROM outbox_messages
        WHERE status = 'queued' AND "nextAttemptAt" <= now() AND ${SCOPE}
        ORDER BY critical DESC, "nextAttemptAt" LIMIT $2 FOR UPDATE SKIP LOCKED),
     lapsed AS (
       SELECT id, critical, true AS lapsed, "nextAttemptAt" FROM outbox_messages
        WHERE status = 'sending' AND $6 AND COALESCE("claimedUntil", '-infinity') < now() AND ${SCOPE}
        ORDER BY critical DESC, "nextAttemptAt" LIMIT $2 FOR UPDATE SKIP LOCKED),
     picked AS (
       -- A row whose holder died was first in line once already: it goes before fresh ones.
       SELECT id, row_number() OVER (ORDER BY critical DESC, lapsed DESC, "nextAttemptAt") AS rank
         FROM (SELECT * FROM queued UNION ALL SELECT * FROM lapsed) c ORDER BY rank LIMIT $2),
     claimed AS (
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
                           FROM channels c WHERE c.id = o."channelId"), o."channelId" IS NULL) AS "channelUsable",
               picked.rank)
     -- In line as picked (an UPDATE returns its rows in no particular order).
     SELECT * FROM claimed ORDER BY rank`
  );
}
