// Many guardians with one chat (Telegram by default, or MAX) and one queued message each, in one statement.
import type pg from 'pg';

/** n guardians with chats `firstChat + 1 …`, each with one queued mark message (critical on request); returns the school id. */
export async function seedChats(pool: pg.Pool, n: number, firstChat: number, kind = 'mark', critical = false, channelType: 'telegram' | 'max' = 'telegram'): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(`INSERT INTO schools (name, timezone, "chatChannels", "updatedAt") VALUES ('Школа', 'Europe/Moscow', '{telegram,max}', now()) RETURNING id`);
  const schoolId = rows[0]!.id;
  await pool.query(
    `WITH g AS (
       INSERT INTO guardians ("schoolId", "fullName", "updatedAt")
       SELECT $1, 'Родитель ' || i, now() FROM generate_series(1, $2) AS i RETURNING id),
     numbered AS (SELECT id, row_number() OVER () AS i FROM g),
     c AS (
       INSERT INTO channels ("guardianId", type, address, verified, "updatedAt")
       SELECT id, $6::text::"ChannelType", ($3 + i)::text, true, now() FROM numbered RETURNING id, "guardianId", address)
     INSERT INTO outbox_messages ("idempotencyKey", "schoolId", "guardianId", "channelId", "channelType", kind, critical, payload, "updatedAt")
     SELECT "guardianId" || ':seed:' || address || ':' || $6::text, $1, "guardianId", id, $6::text::"ChannelType", $4, $5,
            jsonb_build_object('cause', 'seed:' || address, 'lang', 'ru', 'studentName', 'Ученик ' || address,
              'eventType', 'mark_created', 'occurredAt', now(),
              'data', jsonb_build_object('markId', gen_random_uuid(), 'subjectId', gen_random_uuid(), 'subjectName', 'Математика',
                'date', '2026-11-20', 'value', '5', 'weight', 1, 'kind', null, 'comment', null)), now()
       FROM c`,
    [schoolId, n, firstChat, kind, critical, channelType],
  );
  return schoolId;
}
