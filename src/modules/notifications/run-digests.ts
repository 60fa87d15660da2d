// Sends the digests that are due (nextDigestAt passed, in the school's zone), or all of
// a school's at once (`vestnik digest run --now`). Each batch is one transaction: the
// outbox rows and the guardians' next digest moments are written together.
import type { ReadReplica } from '../../db/read-replica.js';
import type pg from 'pg';
import { createForecastContext, readSchoolRules } from '../forecast/index.js';
import { AppError } from '../../lib/app-error.js';
import { chooseChannels } from './choose-channels.js';
import { composeDigest } from './compose-digest.js';
import { createNextDigestAt, type DigestSchedule } from './digest-schedule.js';
import { insertOutbox, type NewOutboxRow } from './insert-outbox.js';
import { currentPeriod, loadDigestData } from './load-digest-data.js';
import { loadChannels } from './load-recipients.js';
import type { DigestMessagePayload, Lang } from './types.js';
import { localDate, zonedTimeToUtc } from '../../lib/zoned-time.js';
import { addSkipCounts, emptySkipCounts, whyNoDigestMessage, type DigestSkipCounts } from './why-no-digest-message.js';

export interface RunDigestsOptions {
  schoolId?: string;
  now?: Date;
  /** Every guardian of the school now, whatever their schedule (not those who chose "off"). */
  all?: boolean;
  batchSize?: number;
  /** Where the marks, homework and forecasts of the digests are read (a replica when there is one). */
  reads?: ReadReplica;
  /** Checked between batches: a stopping worker returns after the batch under way. */
  signal?: AbortSignal;
}

export interface RunDigestsResult {
  schools: number;
  guardians: number;
  digests: number;
  skippedEmpty: number;
  messages: number;
  /** Guardians with no consented child in the school: nothing to compose. */
  skippedNoChildren: number;
  /** Digests composed that queued no message, by why (see why-no-digest-message). */
  withoutMessage: DigestSkipCounts;
  /** True when the run returned because of the signal; the rest are still due. */
  stopped: boolean;
}

interface SchoolRow {
  id: string;
  timezone: string;
  roundingThreshold: number;
  markWeights: unknown;
  sendEmptyDigest: boolean;
  /** False: MAX's rules on mass mailings keep this school's digests off MAX (email or the web page instead). */
  maxDigests: boolean;
}

export async function runDigests(pool: pg.Pool, options: RunDigestsOptions = {}): Promise<RunDigestsResult> {
  const now = options.now ?? new Date();
  const { rows: schools } = await pool.query<SchoolRow>(
    `SELECT id, timezone, "roundingThreshold", "markWeights", "sendEmptyDigest", "maxDigests" FROM schools WHERE $1::uuid IS NULL OR id = $1`,
    [options.schoolId ?? null],
  );
  if (options.schoolId && schools.length === 0) throw new AppError('NOT_FOUND', `no school with id ${options.schoolId}`);
  const total: RunDigestsResult = { schools: schools.length, guardians: 0, digests: 0, skippedEmpty: 0, messages: 0, skippedNoChildren: 0, withoutMessage: emptySkipCounts(), stopped: false };
  for (const school of schools) {
    if (options.signal?.aborted) break;
    await ensurePreferences(pool, school, now);
    // A digest is keyed by its guardian and schedule slot: a scheduled one by the moment it
    // was due, a manual one (`--now`) by the school-local day. Re-running `--now` after a
    // partial run (or twice in a day) reaches only those who had no digest yet that day.
    const today = localDate(now, school.timezone);
    const manual = options.all ? { cause: `digest:now:${today}`, dayStart: startOfLocalDay(today, school.timezone) } : undefined;
    // The due guardians are listed once and handed out in batches: picking each batch
    // by `ORDER BY … LIMIT` again rescans the rows earlier batches moved, so the cost per
    // digest grew with the school. Two batches at a time: one composes while the other waits
    // for the database. Each batch locks its guardians (SKIP LOCKED) and checks they are
    // still due, so another worker running at the same time never sends one twice.
    const due = await listDue(pool, school.id, now, manual);
    const size = options.batchSize ?? 500;
    let next = 0;
    const lane = async () => {
      while (next < due.length) {
        if (options.signal?.aborted) return;
        const ids = due.slice(next, (next += size));
        const batch = await runBatch(pool, school, now, ids, manual, options.reads);
        total.guardians += batch.guardians;
        total.digests += batch.digests;
        total.skippedEmpty += batch.skippedEmpty;
        total.messages += batch.messages;
        total.skippedNoChildren += batch.skippedNoChildren;
        addSkipCounts(total.withoutMessage, batch.withoutMessage);
      }
    };
    await Promise.all([lane(), lane()]);
  }
  total.stopped = options.signal?.aborted ?? false;
  return total;
}

/** Guardians who never set a schedule get the default (weekly, Friday 18:00). */
async function ensurePreferences(pool: pg.Pool, school: SchoolRow, now: Date): Promise<void> {
  await pool.query(
    `INSERT INTO notification_preferences ("schoolId", "guardianId", "updatedAt")
     SELECT g."schoolId", g.id, now() FROM guardians g
      WHERE g."schoolId" = $1 AND g.status = 'active'
        AND NOT EXISTS (SELECT 1 FROM notification_preferences p WHERE p."schoolId" = g."schoolId" AND p."guardianId" = g.id)
     ON CONFLICT DO NOTHING`,
    [school.id],
  );
  const { rows } = await pool.query<DigestSchedule & { guardianId: string }>(
    `SELECT p."guardianId", p."digestFrequency"::text AS "digestFrequency", p."digestWeekday", p."digestTime"
       FROM notification_preferences p JOIN guardians g ON g."schoolId" = p."schoolId" AND g.id = p."guardianId"
      WHERE g."schoolId" = $1 AND p."nextDigestAt" IS NULL AND p."digestFrequency" <> 'off'`,
    [school.id],
  );
  if (rows.length === 0) return;
  const next = createNextDigestAt(now, school.timezone);
  await pool.query(
    `UPDATE notification_preferences p SET "nextDigestAt" = u.at, "updatedAt" = now()
       FROM unnest($1::uuid[], $2::timestamptz[]) AS u(id, at) WHERE p."schoolId" = $3 AND p."guardianId" = u.id`,
    [rows.map((r) => r.guardianId), rows.map((r) => next(r)?.toISOString() ?? null), school.id],
  );
}

/** The same conditions as the batch query below, without the lock. */
const DUE_WHERE = `g."schoolId" = $1 AND g.status = 'active' AND p."digestFrequency" <> 'off'
  AND (CASE WHEN $3::timestamptz IS NULL THEN p."nextDigestAt" <= $2 ELSE p."lastDigestAt" IS NULL OR p."lastDigestAt" < $3 END)`;

async function listDue(pool: pg.Pool, schoolId: string, now: Date, manual: ManualSlot | undefined): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>(
    `SELECT p."guardianId" AS id FROM notification_preferences p JOIN guardians g ON g."schoolId" = p."schoolId" AND g.id = p."guardianId"
      WHERE ${DUE_WHERE} ORDER BY p."nextDigestAt", p."guardianId"`,
    [schoolId, now, manual?.dayStart ?? null],
  );
  return rows.map((r) => r.id);
}

interface ManualSlot {
  cause: string;
  dayStart: Date;
}

function startOfLocalDay(date: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return zonedTimeToUtc(y, m, d, 0, 0, timeZone);
}

async function runBatch(pool: pg.Pool, school: SchoolRow, now: Date, ids: string[], manual: ManualSlot | undefined, reads: ReadReplica | undefined) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows: due } = await client.query<DigestSchedule & { guardianId: string; lastDigestAt: Date | null; nextDigestAt: Date | null; lang: Lang }>(
      `SELECT p."guardianId", p."digestFrequency"::text AS "digestFrequency", p."digestWeekday", p."digestTime",
              p."lastDigestAt", p."nextDigestAt", COALESCE(g.locale, s."defaultLocale")::text AS lang
         FROM notification_preferences p JOIN guardians g ON g."schoolId" = p."schoolId" AND g.id = p."guardianId" JOIN schools s ON s.id = g."schoolId"
        WHERE p."guardianId" = ANY($4::uuid[]) AND ${DUE_WHERE}
        ORDER BY p."nextDigestAt", p."guardianId"
        FOR UPDATE OF p SKIP LOCKED`,
      [school.id, now, manual?.dayStart ?? null, ids],
    );
    if (due.length === 0) {
      await client.query('COMMIT');
      return { guardians: 0, digests: 0, skippedEmpty: 0, messages: 0, skippedNoChildren: 0, withoutMessage: emptySkipCounts() };
    }
    const today = localDate(now, school.timezone);
    const period = await currentPeriod(client, school.id, today);
    const forecast = createForecastContext({
      rules: readSchoolRules(school),
      now,
      periodEndsOn: new Date(`${period?.endsOn ?? today}T00:00:00Z`),
      timeZone: school.timezone,
    });
    // The heaviest read of a digest run, so the replica's when there is one; caught up to now,
    // so a mark committed before this batch is never missing from its digest.
    const source = reads?.configured ? await reads.caughtUp() : undefined;
    const data = await loadDigestData(source?.server === 'replica' ? source.pool : client, school.id, due.map((d) => ({ guardianId: d.guardianId, since: d.lastDigestAt })), period, today);
    const channels = await loadChannels(client, school.id, due.map((d) => d.guardianId));
    const rows: NewOutboxRow[] = [];
    let digests = 0;
    let skippedEmpty = 0;
    let skippedNoChildren = 0;
    const withoutMessage = emptySkipCounts();
    due.forEach((pref, i) => {
      const children = data[i]?.children ?? [];
      if (children.length === 0) {
        skippedNoChildren += 1;
        return;
      }
      const digest = composeDigest({ since: pref.lastDigestAt, until: now, children, sendEmpty: school.sendEmptyDigest }, forecast);
      if (!digest) {
        skippedEmpty += 1;
        return;
      }
      digests += 1;
      const payload: DigestMessagePayload = { cause: manual?.cause ?? `digest:${(pref.nextDigestAt ?? now).toISOString()}`, lang: pref.lang, digest };
      // Families served on paper get the printed statement instead (create-paper-batch).
      const own = channels.get(pref.guardianId) ?? [];
      const chosen = chooseChannels(own, { exclude: school.maxDigests ? [] : ['max'] }).filter((c) => c.type !== 'paper');
      if (chosen.length === 0) withoutMessage[whyNoDigestMessage(own, school)] += 1;
      for (const channel of chosen) {
        rows.push({ schoolId: school.id, guardianId: pref.guardianId, channelId: channel.channelId, channelType: channel.type, kind: 'digest', critical: false, payload, nextAttemptAt: now, deadlineAt: null, eventIds: [] });
      }
    });
    const messages = await insertOutbox(client, rows);
    const next = createNextDigestAt(now, school.timezone);
    await client.query(
      `UPDATE notification_preferences p SET "lastDigestAt" = $3, "nextDigestAt" = u.at, "updatedAt" = now()
         FROM unnest($1::uuid[], $2::timestamptz[]) AS u(id, at) WHERE p."schoolId" = $4 AND p."guardianId" = u.id`,
      [due.map((d) => d.guardianId), due.map((d) => next(d, true)?.toISOString() ?? null), now, school.id],
    );
    await client.query('COMMIT');
    return { guardians: due.length, digests, skippedEmpty, messages, skippedNoChildren, withoutMessage };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
