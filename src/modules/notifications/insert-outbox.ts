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

/**
 * Returns the number of rows actually inserted. A chunk travels as one JSON document that
 * PostgreSQL unpacks with json_to_recordset: the payloads are serialised once, not escaped
 * again element by element into an array literal.
 */
export async function insertOutbox(client: Pick<pg.PoolClient, 'query'>, rows: readonly NewOutboxRow[]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const end = Math.min(i + CHUNK, rows.length);
    const parts: string[] = [];
    for (let j = i; j < end; j += 1) parts.push(rowJson(rows[j]!));
    const result = await client.query(
      // A messenger message goes through the bot its chat was linked through.
      `INSERT INTO outbox_messages ("idempotencyKey", "schoolId", "guardianId", "channelId", "channelType", "botId", kind, critical,
                                    payload, "nextAttemptAt", "deadlineAt", "eventIds", "updatedAt")
       SELECT u.k, u.s, u.g, u.c, u.t::"ChannelType", ch."botId", u.kd, u.cr, u.p, u.n, u.d, string_to_array(NULLIF(u.e, ''), ',')::bigint[], now()
         FROM json_to_recordset($1::json)
              AS u(k text, s uuid, g uuid, c uuid, t text, kd text, cr bool, p jsonb, n timestamptz, d timestamptz, e text)
         LEFT JOIN channels ch ON ch.id = u.c
       ON CONFLICT ("idempotencyKey") DO NOTHING`,
      [`[${parts.join(',')}]`],
    );
    inserted += result.rowCount ?? 0;
  }
  return inserted;
}

const CHUNK = 5000;

function rowJson(r: NewOutboxRow): string {
  return JSON.stringify({
    k: idempotencyKey(r.guardianId ?? ('to' in r.payload ? r.payload.to : 'none'), r.payload.cause, r.channelType),
    s: r.schoolId,
    g: r.guardianId,
    c: r.channelId,
    t: r.channelType,
    kd: r.kind,
    cr: r.critical,
    p: r.payload,
    n: r.nextAttemptAt.toISOString(),
    d: r.deadlineAt?.toISOString() ?? null,
    e: r.eventIds.join(','),
  });
}
