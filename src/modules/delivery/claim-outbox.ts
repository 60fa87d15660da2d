// Claims due outbox rows for one worker. The `sending` status with `claimedAt` is a
// lease: rows of a worker that died mid-send are claimed again once the lease expires,
// so at most the messages that were in flight are repeated, and none is lost.
import type pg from 'pg';
import type { ChannelType } from '../notifications/types.js';
import type { ClaimedMessage } from './types.js';

export interface ClaimOptions {
  channelTypes: readonly ChannelType[];
  limit: number;
  workerId: string;
  leaseMs: number;
}

export async function claimOutbox(pool: pg.Pool, options: ClaimOptions): Promise<ClaimedMessage[]> {
  const { rows } = await pool.query<ClaimedMessage>(
    `WITH picked AS (
       SELECT id FROM outbox_messages
        WHERE "channelType" = ANY($1::"ChannelType"[])
          AND ((status = 'queued' AND "nextAttemptAt" <= now())
               OR (status = 'sending' AND "claimedAt" < now() - make_interval(secs => $4::float8 / 1000)))
        ORDER BY critical DESC, "nextAttemptAt"
        LIMIT $2
        FOR UPDATE SKIP LOCKED)
     UPDATE outbox_messages o
        SET status = 'sending', "claimedAt" = now(), "claimedBy" = $3, attempts = o.attempts + 1, "updatedAt" = now()
       FROM picked
      WHERE o.id = picked.id
     RETURNING o.id, o."schoolId", o."guardianId", o."channelId", o."channelType"::text AS "channelType", o.kind, o.critical,
               o.payload, o.attempts,
               (SELECT c.address FROM channels c WHERE c.id = o."channelId") AS address,
               COALESCE((SELECT c.active AND c.enabled FROM channels c WHERE c.id = o."channelId"), o."channelId" IS NULL) AS "channelUsable"`,
    [options.channelTypes, options.limit, options.workerId, options.leaseMs],
  );
  return rows;
}
