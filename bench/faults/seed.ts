// Families and queued final marks for the fault scenarios, written as the planner writes
// them: one critical outbox row per guardian, due now, with the 24-hour deadline (R8).
import type pg from 'pg';

export interface Families {
  schoolId: string;
  /** Chat id of guardian i is firstChat + i; email is `p<i>@faults.test`. */
  firstChat: number;
  count: number;
}

export interface SeedOptions {
  count: number;
  firstChat: number;
  /** Which channels each guardian has, and which of them is chosen for everyday messages. */
  telegram: boolean;
  /** The chat messenger the chat is on (Telegram unless said). */
  chat?: 'telegram' | 'max';
  email: 'none' | 'enabled' | 'verified-only';
}

export const emailOf = (i: number): string => `p${i}@faults.test`;

export async function seedFamilies(pool: pg.Pool, options: SeedOptions): Promise<Families> {
  const { rows } = await pool.query<{ id: string }>(`INSERT INTO schools (name, timezone, "updatedAt") VALUES ('Школа', 'Europe/Moscow', now()) RETURNING id`);
  const schoolId = rows[0]!.id;
  await pool.query(
    `WITH g AS (
       INSERT INTO guardians ("schoolId", "fullName", "updatedAt")
       SELECT $1, 'Родитель ' || i, now() FROM generate_series(1, $2) AS i RETURNING id, "fullName"),
     numbered AS (SELECT id, substring("fullName" from 10)::int AS i FROM g),
     tg AS (
       INSERT INTO channels ("guardianId", type, address, verified, "updatedAt")
       SELECT id, $6::text::"ChannelType", ($3 + i)::text, true, now() FROM numbered WHERE $4 RETURNING id)
     INSERT INTO channels ("guardianId", type, address, verified, enabled, "updatedAt")
     SELECT id, 'email', 'p' || i || '@faults.test', true, $5 = 'enabled', now() FROM numbered WHERE $5 <> 'none'`,
    [schoolId, options.count, options.firstChat, options.telegram, options.email, options.chat ?? 'telegram'],
  );
  return { schoolId, firstChat: options.firstChat, count: options.count };
}

/** One final mark per guardian on its first usable channel (its chat when it has one). */
export async function queueFinals(pool: pg.Pool, families: Families, tag: string): Promise<number> {
  const { rowCount } = await pool.query(
    `INSERT INTO outbox_messages ("idempotencyKey", "schoolId", "guardianId", "channelId", "channelType", kind, critical, payload, "deadlineAt", "updatedAt")
     SELECT DISTINCT ON (g.id) g.id || ':' || $2 || ':' || c.type, g."schoolId", g.id, c.id, c.type, 'final_mark', true,
            jsonb_build_object('cause', $2 || ':' || g.id, 'lang', 'ru', 'studentName', 'Ученик ' || substring(g."fullName" from 10),
              'eventType', 'final_mark_published', 'occurredAt', now(),
              'data', jsonb_build_object('finalMarkId', gen_random_uuid(), 'subjectId', gen_random_uuid(), 'subjectName', 'Математика',
                'periodId', gen_random_uuid(), 'periodName', '2 четверть', 'value', '5', 'deferredUntil', null, 'reason', null)),
            now() + interval '24 hours', now()
       FROM guardians g JOIN channels c ON c."guardianId" = g.id AND c.enabled
      WHERE g."schoolId" = $1
      ORDER BY g.id, (c.type IN ('telegram', 'max')) DESC`,
    [families.schoolId, tag],
  );
  return rowCount ?? 0;
}
