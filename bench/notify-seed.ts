// Bulk seed for the notification benchmark, in raw SQL: one school, classes of 25,
// one guardian with signed consent and a Telegram chat per student, ~40 marks each in
// the current quarter (a quarter of them new since the last digest, some changed).
import type pg from 'pg';

export const SCHOOL_ID = '00000000-0000-4000-8000-0000000000aa';
export const FIRST_CHAT_ID = 7_000_000;
const CLASS_SIZE = 25;
const SUBJECTS = 10;

/**
 * Millions of marks: the table's indexes are built once afterwards rather than row by row,
 * and the foreign keys (consistent by construction here) are not checked row by row.
 */
async function bulkLoad(pool: pg.Pool, table: string, sql: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ name: string; def: string }>(
      `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def FROM pg_index i
        WHERE i.indrelid = $1::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
      [table],
    );
    for (const r of rows) await client.query(`DROP INDEX ${r.name}`);
    await client.query('SET LOCAL session_replication_role = replica');
    await client.query(sql);
    await client.query('SET LOCAL session_replication_role = origin');
    await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
    for (const r of rows) await client.query(r.def);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

export async function seedNotifyBench(pool: pg.Pool, guardians: number, marksPerStudent: number): Promise<void> {
  const q = (sql: string) => pool.query(sql);
  const school = `'${SCHOOL_ID}'::uuid`;
  await q(`INSERT INTO schools (id, name, timezone, "chatChannels", "updatedAt") VALUES (${school}, 'Bench school', 'Europe/Moscow', '{telegram,max}', now())`);
  await q(`INSERT INTO academic_periods ("schoolId", "externalId", name, kind, "startsOn", "endsOn", "updatedAt")
           VALUES (${school}, 'q', 'Четверть', 'quarter', current_date - 60, current_date + 30, now())`);
  await q(`INSERT INTO teachers ("schoolId", "externalId", "fullName", email, "updatedAt")
           SELECT ${school}, 't' || i, 'Учитель ' || i, 't' || i || '@school.test', now() FROM generate_series(1, 40) i`);
  await q(`INSERT INTO subjects ("schoolId", "externalId", name, "updatedAt") SELECT ${school}, 'sub' || i, 'Предмет ' || i, now() FROM generate_series(1, ${SUBJECTS}) i`);
  await q(`INSERT INTO classes ("schoolId", "externalId", name, grade, "updatedAt")
           SELECT ${school}, 'c' || i, i || 'А', 5, now() FROM generate_series(1, ${Math.ceil(guardians / CLASS_SIZE)}) i`);
  await q(`INSERT INTO students ("schoolId", "externalId", "fullName", "classId", "updatedAt")
           SELECT ${school}, 's' || i, 'Ученик ' || i, c.id, now() FROM generate_series(1, ${guardians}) i
           JOIN classes c ON c."externalId" = 'c' || ((i - 1) / ${CLASS_SIZE} + 1)`);
  await q(`INSERT INTO guardians ("schoolId", "fullName", phone, locale, "updatedAt") SELECT ${school}, 'Родитель ' || i, 's' || i, 'ru', now() FROM generate_series(1, ${guardians}) i`);
  await q(`INSERT INTO guardian_students ("guardianId", "studentId") SELECT g.id, s.id FROM guardians g JOIN students s ON s."externalId" = g.phone`);
  await q(`INSERT INTO consent_records ("schoolId", "guardianId", "studentId", decision) SELECT ${school}, "guardianId", "studentId", 'signed' FROM guardian_students`);
  await q(`INSERT INTO channels ("guardianId", type, address, verified, "updatedAt")
           SELECT g.id, 'telegram', (${FIRST_CHAT_ID} + substr(g.phone, 2)::int)::text, true, now() FROM guardians g`);
  await q(`INSERT INTO notification_preferences ("schoolId", "guardianId", "lastDigestAt", "nextDigestAt", "updatedAt")
           SELECT "schoolId", id, now() - interval '7 days', now() - interval '1 minute', now() FROM guardians`);
  const subjects = `(SELECT array_agg(id ORDER BY "externalId") FROM subjects)`;
  const period = `(SELECT id FROM academic_periods WHERE "externalId" = 'q')`;
  await bulkLoad(pool, 'marks', `INSERT INTO marks ("schoolId", "externalId", "studentId", "subjectId", "periodId", date, value, weight, kind, "createdAt", "updatedAt")
           SELECT ${school}, 'm' || s."externalId" || '-' || k, s.id, (${subjects})[1 + k % ${SUBJECTS}], ${period},
                  current_date - (k % 55), (2 + (k * 7 + length(s."externalId")) % 4)::text, CASE WHEN k % 9 = 0 THEN 3 ELSE 1 END,
                  CASE WHEN k % 9 = 0 THEN 'test' ELSE 'answer' END,
                  CASE WHEN k % 4 = 0 THEN now() - interval '1 day' ELSE now() - interval '20 days' END,
                  CASE WHEN k % 13 = 0 THEN now() - interval '1 day' WHEN k % 4 = 0 THEN now() - interval '1 day' ELSE now() - interval '20 days' END
           FROM students s CROSS JOIN generate_series(1, ${marksPerStudent}) k`);
  await q(`INSERT INTO scheduled_tests ("schoolId", "externalId", "classId", "subjectId", date, topic, "updatedAt")
           SELECT ${school}, 'test-' || c."externalId", c.id, (${subjects})[1], current_date + 3, 'Контрольная', now() FROM classes c`);
  await q(`INSERT INTO homework ("schoolId", "externalId", "classId", "subjectId", "dueOn", text, "updatedAt")
           SELECT ${school}, 'hw-' || c."externalId", c.id, (${subjects})[2], current_date + 2, '№ 1–5 на с. 42', now() FROM classes c`);
  await q('ANALYZE');
}

/**
 * Queues `count` plain messages to Telegram, MAX or email. One chat message in ten goes to
 * a chat that gets one every `repeatEvery` messages (10 s at the rate when given
 * `rate * 10`), so the per-chat limit is exercised without making the queue itself
 * unsendable at full speed.
 */
export async function queueMessages(pool: pg.Pool, count: number, channel: 'telegram' | 'max' | 'email', repeatEvery = 300): Promise<void> {
  if (channel === 'max') {
    // The same people on MAX: their MAX user ids are their Telegram chat ids.
    await pool.query(`INSERT INTO channels ("guardianId", type, address, verified, "updatedAt")
                      SELECT "guardianId", 'max', address, true, now() FROM channels WHERE type = 'telegram' ON CONFLICT DO NOTHING`);
  }
  if (channel === 'email') {
    await pool.query(`INSERT INTO channels ("guardianId", type, address, verified, "updatedAt")
                      SELECT id, 'email', 'parent' || substr(phone, 2) || '@example.test', true, now() FROM guardians
                      WHERE substr(phone, 2)::int <= $1 ON CONFLICT DO NOTHING`, [count]);
  }
  await pool.query(
    `INSERT INTO outbox_messages ("idempotencyKey", "schoolId", "guardianId", "channelId", "channelType", kind, payload, "updatedAt")
     SELECT 'bench:' || $2 || ':' || n, $3, c."guardianId", c.id, $2::"ChannelType", 'mark',
            jsonb_build_object('cause', 'bench:' || n, 'lang', 'ru', 'studentName', 'Ученик', 'eventType', 'mark_created', 'occurredAt', now(),
              'data', jsonb_build_object('markId', gen_random_uuid(), 'subjectId', gen_random_uuid(), 'subjectName', 'Математика',
                'date', current_date, 'value', '5', 'weight', 1, 'kind', null, 'comment', null)), now()
       FROM generate_series(1, $1) n
       JOIN LATERAL (SELECT id, "guardianId" FROM channels WHERE type = $2::"ChannelType"
                      AND address = CASE WHEN $2 = 'email' THEN 'parent' || (1 + n % $1) || '@example.test'
                                         ELSE (${FIRST_CHAT_ID} + CASE WHEN n % 10 = 0 THEN 1 + n % $4 ELSE n END)::text END) c ON true`,
    [count, channel, SCHOOL_ID, repeatEvery],
  );
}
