// Bulk insert of outbox rows; the idempotency key makes a replayed cause a no-op.
import type pg from 'pg';
import type { ChannelType, OutboxMessageFields } from './types.js';

export interface NewOutboxRow extends OutboxMessageFields {
  nextAttemptAt: Date;
  deadlineAt: Date | null;
  eventIds: bigint[];
}

export function idempotencyKey(guardianOrAddress: string, cause: string, channelType: ChannelType): string {
  return `${guardianOrAddress}:${cause}:${channelType}`;
}

/** Returns the number of rows actually inserted. */
export async function insertOutbox(client: Pick<pg.PoolClient, 'query'>, rows: readonly NewOutboxRow[]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += 5000) {
    const chunk = rows.slice(i, i + 5000);
    const result = await client.query(
      // A messenger message goes through the bot its chat was linked through.
      `INSERT INTO outbox_messages ("idempotencyKey", "schoolId", "guardianId", "channelId", "channelType", "botId", kind, critical,
                                    payload, "nextAttemptAt", "deadlineAt", "eventIds", "updatedAt")
       SELECT k, s, g, c, t::"ChannelType", ch."botId", kd, cr, p, n, d, string_to_array(NULLIF(e, ''), ',')::bigint[], now()
         FROM unnest($1::text[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::bool[],
                     $8::jsonb[], $9::timestamptz[], $10::timestamptz[], $11::text[])
              AS u(k, s, g, c, t, kd, cr, p, n, d, e)
         LEFT JOIN channels ch ON ch.id = u.c
       ON CONFLICT ("idempotencyKey") DO NOTHING`,
      [
        chunk.map((r) => idempotencyKey(r.guardianId ?? ('to' in r.payload ? r.payload.to : 'none'), r.payload.cause, r.channelType)),
        chunk.map((r) => r.schoolId),
        chunk.map((r) => r.guardianId),
        chunk.map((r) => r.channelId),
        chunk.map((r) => r.channelType),
        chunk.map((r) => r.kind),
        chunk.map((r) => r.critical),
        chunk.map((r) => JSON.stringify(r.payload)),
        chunk.map((r) => r.nextAttemptAt.toISOString()),
        chunk.map((r) => r.deadlineAt?.toISOString() ?? null),
        chunk.map((r) => r.eventIds.join(',')),
      ],
    );
    inserted += result.rowCount ?? 0;
  }
  return inserted;
}
