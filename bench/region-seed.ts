// The region benchmark's data, in set-based SQL: `schools` schools, each with its own bot
// (odd schools a Telegram bot, even ones a MAX bot, registered as rows of `bots` with the token
// sealed under the processes' VESTNIK_SECRET), `guardians` guardians per school with one
// student each, signed consent and a chat linked through the school's bot; and one queued
// digest per guardian. With `shared`, no school has a bot: every chat goes through the default
// bots (the environment's tokens), which checks the harness before per-bot sending exists.
import type pg from 'pg';
import { sealToken } from '../src/lib/seal-token.js';
import { hashApiKey } from '../src/modules/schools/issue-api-key.js';
import { maxBotUserId } from './region-fakes.js';

export const SUBJECTS = 3;

export interface RegionSchool {
  n: number;
  id: string;
  type: 'telegram' | 'max';
  /** The bot's key in the fakes' arrival log (tg:<id> or max:<token>). */
  botKey: string;
  apiKey: string;
}

export const schoolId = (n: number): string => `00000000-0000-4000-a000-${String(n).padStart(12, '0')}`;
/** Chat id (Telegram) or user id (MAX) of guardian i of school n. */
export const chatOf = (n: number, i: number): string => String(10_000_000 + n * 100_000 + i);
export const telegramToken = (n: number): string => `${700_000 + n}:REGION-bench-token-${n}`;
export const maxToken = (n: number): string => `region-max-token-${n}-abcdef0123`;
export const DEFAULT_TELEGRAM = '700000:REGION-default-token';
export const DEFAULT_MAX = 'region-max-default-token-0000';
export const typeOf = (n: number): 'telegram' | 'max' => (n % 2 === 1 ? 'telegram' : 'max');

export function botKeyOf(n: number, shared: boolean): string {
  if (typeOf(n) === 'telegram') return `tg:${(shared ? DEFAULT_TELEGRAM : telegramToken(n)).split(':')[0]}`;
  return `max:${shared ? DEFAULT_MAX : maxToken(n)}`;
}

/** Tables that carry schoolId in this schema version (tenant columns are being added). */
async function tenantColumns(pool: pg.Pool): Promise<Set<string>> {
  const { rows } = await pool.query<{ t: string }>(`SELECT table_name AS t FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = 'schoolId'`);
  return new Set(rows.map((r) => r.t));
}

export async function seedRegion(pool: pg.Pool, options: { schools: number; guardians: number; shared: boolean; secret: string }): Promise<RegionSchool[]> {
  const { guardians, secret } = options;
  const tenant = await tenantColumns(pool);
  /** `"schoolId", ` and its value when the table has the column. */
  const sc = (table: string, value: string) => (tenant.has(table) ? { col: '"schoolId", ', val: `${value}, ` } : { col: '', val: '' });
  const schools: RegionSchool[] = [];
  for (let n = 1; n <= options.schools; n += 1) {
    const apiKey = `vsk_region_bench_key_${n}_0123456789abcdef`;
    schools.push({ n, id: schoolId(n), type: typeOf(n), botKey: botKeyOf(n, options.shared), apiKey });
  }
  const ids = schools.map((s) => s.id);
  const q = (sql: string, params: unknown[] = []) => pool.query(sql, params);
  await q(`INSERT INTO schools (id, name, timezone, "chatChannels", "updatedAt") SELECT id, 'Школа № ' || n, 'Europe/Moscow', '{telegram,max}', now() FROM unnest($1::uuid[]) WITH ORDINALITY AS s(id, n)`, [ids]);
  for (const s of schools) {
    await q(`INSERT INTO api_keys ("schoolId", "keyHash", prefix, name) VALUES ($1, $2, $3, 'region bench')`, [s.id, hashApiKey(secret, s.apiKey), s.apiKey.slice(0, 10)]);
    if (options.shared) continue;
    const token = s.type === 'telegram' ? telegramToken(s.n) : maxToken(s.n);
    const externalId = s.type === 'telegram' ? token.split(':')[0] : String(maxBotUserId(token));
    await q(`INSERT INTO bots ("schoolId", type, "externalId", username, "tokenSealed", "tokenHint", "updatedAt") VALUES ($1, $2::text::"ChannelType", $3, $4, $5, $6, now())`, [
      s.id, s.type, externalId, `school_${externalId}_bot`, sealToken(secret, token), token.slice(-4),
    ]);
  }
  // One period around today, three subjects, classes of 25, one student per guardian.
  await q(`INSERT INTO academic_periods ("schoolId", "externalId", name, kind, "startsOn", "endsOn", "updatedAt")
           SELECT id, 'q', '2 четверть', 'quarter', current_date - 60, current_date + 30, now() FROM unnest($1::uuid[]) id`, [ids]);
  await q(`INSERT INTO subjects ("schoolId", "externalId", name, "updatedAt")
           SELECT id, 'sub' || k, (ARRAY['Математика', 'Русский язык', 'Физика'])[k], now() FROM unnest($1::uuid[]) id, generate_series(1, ${SUBJECTS}) k`, [ids]);
  await q(`INSERT INTO classes ("schoolId", "externalId", name, grade, "updatedAt")
           SELECT id, 'c' || k, k || 'А', 5, now() FROM unnest($1::uuid[]) id, generate_series(1, ${Math.ceil(guardians / 25)}) k`, [ids]);
  await q(`INSERT INTO students ("schoolId", "externalId", "fullName", "classId", "updatedAt")
           SELECT c."schoolId", 's' || i, 'Ученик ' || i, c.id, now() FROM generate_series(1, ${guardians}) i
             JOIN classes c ON c."externalId" = 'c' || ((i - 1) / 25 + 1) AND c."schoolId" = ANY($1::uuid[])`, [ids]);
  // The guardian's phone carries the student number: it links the rows below without a lookup table.
  await q(`INSERT INTO guardians ("schoolId", "fullName", phone, locale, "updatedAt")
           SELECT id, 'Родитель ' || i, 's' || i, 'ru', now() FROM unnest($1::uuid[]) id, generate_series(1, ${guardians}) i`, [ids]);
  const gs = sc('guardian_students', 'g."schoolId"');
  await q(`INSERT INTO guardian_students (${gs.col}"guardianId", "studentId")
           SELECT ${gs.val}g.id, s.id FROM guardians g JOIN students s ON s."schoolId" = g."schoolId" AND s."externalId" = g.phone WHERE g."schoolId" = ANY($1::uuid[])`, [ids]);
  await q(`INSERT INTO consent_records ("schoolId", "guardianId", "studentId", decision)
           SELECT g."schoolId", g.id, s.id, 'signed' FROM guardians g JOIN students s ON s."schoolId" = g."schoolId" AND s."externalId" = g.phone WHERE g."schoolId" = ANY($1::uuid[])`, [ids]);
  // Each chat is linked through its school's bot; with no school bot, the trigger names the default one.
  const ch = sc('channels', 'g."schoolId"');
  await q(`INSERT INTO channels (${ch.col}"guardianId", type, address, verified, "botId", "updatedAt")
           SELECT ${ch.val}g.id, t.type, (10000000 + t.n * 100000 + substr(g.phone, 2)::int)::text, true, b.id, now()
             FROM guardians g JOIN unnest($1::uuid[], $2::text[]::"ChannelType"[], $3::int[]) AS t(id, type, n) ON t.id = g."schoolId"
             LEFT JOIN bots b ON b."schoolId" = g."schoolId" AND b.type = t.type`, [ids, schools.map((s) => s.type), schools.map((s) => s.n)]);
  // Digests are queued below, not composed by the worker's digest job: keep that job idle.
  const np = sc('notification_preferences', 'g."schoolId"');
  await q(`INSERT INTO notification_preferences (${np.col}"guardianId", "lastDigestAt", "nextDigestAt", "updatedAt")
           SELECT ${np.val}g.id, now() - interval '7 days', now() + interval '30 days', now() FROM guardians g WHERE g."schoolId" = ANY($1::uuid[])`, [ids]);
  await q('ANALYZE');
  return schools;
}

/** One digest per guardian, as the digest run writes it: three marks and three subjects per child. */
export async function queueDigests(pool: pg.Pool, schools: RegionSchool[]): Promise<number> {
  const { rowCount } = await pool.query(
    `INSERT INTO outbox_messages ("idempotencyKey", "schoolId", "guardianId", "channelId", "channelType", "botId", kind, payload, "updatedAt")
     SELECT 'region:digest:' || g.id, g."schoolId", g.id, c.id, c.type, c."botId", 'digest',
            jsonb_build_object('cause', 'region:digest:' || g.id, 'lang', 'ru', 'digest', jsonb_build_object(
              'since', to_char(current_date - 7, 'YYYY-MM-DD'), 'until', to_char(current_date, 'YYYY-MM-DD'), 'empty', false, 'schoolName', sc.name,
              'children', jsonb_build_array(jsonb_build_object(
                'studentName', 'Ученик ' || substr(g.phone, 2), 'className', '5А',
                'marks', jsonb_build_array(
                   jsonb_build_object('subject', 'Математика', 'date', to_char(current_date - 2, 'YYYY-MM-DD'), 'value', '5', 'status', 'new'),
                   jsonb_build_object('subject', 'Русский язык', 'date', to_char(current_date - 3, 'YYYY-MM-DD'), 'value', '4', 'status', 'new'),
                   jsonb_build_object('subject', 'Физика', 'date', to_char(current_date - 4, 'YYYY-MM-DD'), 'value', '3', 'status', 'changed')),
                'absences', '[]'::jsonb,
                'subjects', jsonb_build_array(
                   jsonb_build_object('subject', 'Математика', 'average', 4.6, 'forecast', '5', 'risk', null, 'marksCount', 9),
                   jsonb_build_object('subject', 'Русский язык', 'average', 4.1, 'forecast', '4', 'risk', null, 'marksCount', 8),
                   jsonb_build_object('subject', 'Физика', 'average', 3.4, 'forecast', '3', 'risk', null, 'marksCount', 6)),
                'tests', '[]'::jsonb, 'homework', '[]'::jsonb, 'timetable', '[]'::jsonb, 'notes', '[]'::jsonb, 'holidays', '[]'::jsonb)))),
            now()
       FROM guardians g JOIN schools sc ON sc.id = g."schoolId" JOIN channels c ON c."guardianId" = g.id
      WHERE g."schoolId" = ANY($1::uuid[])`,
    [schools.map((s) => s.id)],
  );
  return rowCount ?? 0;
}
