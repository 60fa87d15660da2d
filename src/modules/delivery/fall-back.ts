// Moves a message its channel cannot deliver to the guardian's next channel (verified
// email, else paper) in one transaction; the original keeps status fell_back and points
// at the new row. A dead channel (blocked bot, unknown chat, rejected mailbox) turns
// inactive so later messages skip it.
//
// Guarded like every transition: a dispatcher passes its claim token and falls back only
// a row it still holds; without a token (the SLA check) only a row nobody holds — queued,
// failed, or claimed by a worker whose lease ran out, and a web push nobody acknowledged
// (a push service accepting it proves nothing reached the family). A sent chat message or
// email, a cancelled or an already fallen-back row is never touched.
import type pg from 'pg';
import { loadChannels } from '../notifications/load-recipients.js';
import { nextChannel } from '../notifications/choose-channels.js';
import { idempotencyKey } from '../notifications/insert-outbox.js';
import type { ChannelType } from '../notifications/types.js';

export interface FallbackResult {
  /** False when the row was not this caller's to move: nothing was changed. */
  applied: boolean;
  fallbackId: string | null;
  channelType: ChannelType | null;
}

export async function fallBack(
  pool: pg.Pool,
  messageId: string,
  reason: string,
  deactivateChannel: boolean,
  claimToken?: string,
): Promise<FallbackResult> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{
      schoolId: string;
      guardianId: string | null;
      channelId: string | null;
      channelType: ChannelType;
      idempotencyKey: string;
      cause: string | null;
      movable: boolean;
    }>(
      `SELECT "schoolId", "guardianId", "channelId", "channelType"::text AS "channelType", "idempotencyKey", payload->>'cause' AS cause,
              CASE WHEN $2::uuid IS NOT NULL THEN status = 'sending' AND "claimToken" = $2::uuid
                   ELSE status IN ('queued', 'failed') OR (status = 'sending' AND COALESCE("claimedUntil", '-infinity') < now())
                        OR (status = 'sent' AND "channelType" = 'webpush') END AS movable
         FROM outbox_messages WHERE id = $1 FOR UPDATE`,
      [messageId, claimToken ?? null],
    );
    const message = rows[0];
    if (!message?.movable) {
      await client.query('ROLLBACK');
      return { applied: false, fallbackId: null, channelType: null };
    }
    if (deactivateChannel && message.channelId) {
      await client.query(`UPDATE channels SET active = false, "inactiveReason" = $2, "updatedAt" = now() WHERE id = $1`, [
        message.channelId,
        reason.slice(0, 200),
      ]);
    }
    if (!message.guardianId || !message.cause) {
      // Staff mail (teacher summaries) has nowhere else to go.
      await client.query(`UPDATE outbox_messages SET status = 'failed', error = $2, "claimedAt" = NULL, "claimedUntil" = NULL, "claimToken" = NULL, "updatedAt" = now() WHERE id = $1`, [
        messageId,
        reason.slice(0, 500),
      ]);
      await client.query('COMMIT');
      return { applied: true, fallbackId: null, channelType: null };
    }
    const prefix = `${message.guardianId}:${message.cause}:`;
    const { rows: tried } = await client.query<{ channelType: ChannelType }>(
      `SELECT "channelType"::text AS "channelType" FROM outbox_messages WHERE "idempotencyKey" = ANY($1::text[])`,
      [(['telegram', 'max', 'webpush', 'email', 'paper'] as const).map((t) => `${prefix}${t}`)],
    );
    const triedTypes = new Set<ChannelType>([message.channelType, ...tried.map((r) => r.channelType)]);
    const channels = (await loadChannels(client, message.schoolId, [message.guardianId])).get(message.guardianId) ?? [];
    const next = nextChannel(channels, triedTypes);
    const key = idempotencyKey(message.guardianId, message.cause, next.type);
    await client.query(
      `INSERT INTO outbox_messages ("idempotencyKey", "schoolId", "guardianId", "channelId", "channelType", "botId", kind, critical, payload,
                                    "nextAttemptAt", "deadlineAt", "eventIds", "updatedAt")
       SELECT $2, "schoolId", "guardianId", $3, $4::"ChannelType", (SELECT "botId" FROM channels WHERE id = $3), kind, critical, payload, now(), "deadlineAt", "eventIds", now()
         FROM outbox_messages WHERE id = $1
       ON CONFLICT ("idempotencyKey") DO NOTHING`,
      [messageId, key, next.channelId, next.type],
    );
    const { rows: target } = await client.query<{ id: string }>(`SELECT id FROM outbox_messages WHERE "idempotencyKey" = $1`, [key]);
    const fallbackId = target[0]?.id ?? null;
    await client.query(
      `UPDATE outbox_messages SET status = 'fell_back', "fallbackId" = $2, error = $3, "claimedAt" = NULL, "claimedUntil" = NULL, "claimToken" = NULL,
              "updatedAt" = now() WHERE id = $1`,
      [messageId, fallbackId, reason.slice(0, 500)],
    );
    await client.query('COMMIT');
    return { applied: true, fallbackId, channelType: next.type };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
