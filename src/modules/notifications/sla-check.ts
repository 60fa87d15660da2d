// R8: every published final mark and exam result reaches every linked guardian within
// 24 hours. Hourly: a critical message not delivered by hour 12 moves to the next
// channel; whatever is still undelivered is listed for the admin with the time left.
// A web push the push service accepted is not a delivery: only its acknowledgment is, so
// an unacknowledged one moves on at hour 12 like an undelivered message.
import type pg from 'pg';
import { fallBack } from '../delivery/fall-back.js';

const HOUR_MS = 3_600_000;
export const SLA_FALLBACK_AFTER_HOURS = 12;

/** Critical causes with no delivered copy yet (sent or acknowledged on any channel; a push only acknowledged). */
const UNDELIVERED = `
  SELECT o.id, o."schoolId", o."guardianId", o."channelType"::text AS "channelType", o.status::text AS status, o.kind,
         o.payload->>'cause' AS cause, o.payload->>'studentName' AS "studentName", o."deadlineAt", o."createdAt", o.error
    FROM outbox_messages o
   WHERE o.critical AND (o.status IN ('queued', 'sending', 'failed') OR (o.status = 'sent' AND o."channelType" = 'webpush'))
     AND ($1::uuid IS NULL OR o."schoolId" = $1)
     AND NOT EXISTS (SELECT 1 FROM outbox_messages d
                      WHERE d."guardianId" = o."guardianId" AND d.critical AND d.payload->>'cause' = o.payload->>'cause'
                        AND (d.status = 'acknowledged' OR (d.status = 'sent' AND d."channelType" <> 'webpush')))`;

interface UndeliveredRow {
  id: string;
  schoolId: string;
  guardianId: string;
  channelType: string;
  status: string;
  kind: string;
  cause: string;
  studentName: string | null;
  deadlineAt: Date;
  createdAt: Date;
  error: string | null;
}

export interface SlaCheckResult {
  fellBack: number;
  undelivered: number;
}

export async function runSlaCheck(pool: pg.Pool, now = new Date(), leaseMs = 120_000): Promise<SlaCheckResult> {
  const { rows } = await pool.query<UndeliveredRow>(UNDELIVERED, [null]);
  let fellBack = 0;
  for (const row of rows) {
    const hour12 = row.deadlineAt.getTime() - (24 - SLA_FALLBACK_AFTER_HOURS) * HOUR_MS;
    if (now.getTime() < hour12 || row.channelType === 'paper') continue;
    // A row being sent right now is left alone until its lease runs out.
    if (row.status === 'sending') {
      const { rows: lease } = await pool.query<{ fresh: boolean }>(`SELECT "claimedAt" > $2::timestamptz - make_interval(secs => $3::float8 / 1000) AS fresh FROM outbox_messages WHERE id = $1`, [row.id, now, leaseMs]);
      if (lease[0]?.fresh) continue;
    }
    // Refused when a dispatcher still holds the row, or it was sent or cancelled meanwhile.
    const moved = await fallBack(pool, row.id, `not delivered ${SLA_FALLBACK_AFTER_HOURS} hours after publication`, false);
    if (moved.applied) fellBack += 1;
  }
  return { fellBack, undelivered: rows.length };
}

export interface UndeliveredMessage {
  guardianId: string;
  guardianName: string | null;
  studentName: string | null;
  kind: string;
  cause: string;
  channels: string[];
  statuses: string[];
  lastError: string | null;
  deadlineAt: Date;
  /** Negative once the deadline has passed. */
  msLeft: number;
}

/** For the admin's SLA view: undelivered critical messages per guardian and cause, most urgent first. */
export async function listUndeliveredCritical(pool: pg.Pool, schoolId: string | null, now = new Date()): Promise<UndeliveredMessage[]> {
  const { rows } = await pool.query<UndeliveredRow & { guardianName: string | null }>(
    `SELECT u.*, g."fullName" AS "guardianName" FROM (${UNDELIVERED}) u LEFT JOIN guardians g ON g.id = u."guardianId" ORDER BY u."deadlineAt"`,
    [schoolId],
  );
  const byCause = new Map<string, UndeliveredMessage>();
  for (const row of rows) {
    const key = `${row.guardianId}:${row.cause}`;
    const entry = byCause.get(key) ?? {
      guardianId: row.guardianId,
      guardianName: row.guardianName,
      studentName: row.studentName,
      kind: row.kind,
      cause: row.cause,
      channels: [],
      statuses: [],
      lastError: null,
      deadlineAt: row.deadlineAt,
      msLeft: row.deadlineAt.getTime() - now.getTime(),
    };
    entry.channels.push(row.channelType);
    entry.statuses.push(row.status);
    entry.lastError = row.error ?? entry.lastError;
    byCause.set(key, entry);
  }
  return [...byCause.values()];
}
