// R10: the class teacher gets a daily email with the day's acknowledgments and the
// parents who did not check progress at least twice in the last seven days, and every
// forecast risk recorded for the class that day, whatever each family chose to receive.
// Written to the outbox like every other message.
//
// Once per school-local day, keyed by (class teacher, class, local date), whenever the
// worker is up: a run at or after 19:00 local sends that day's summary; a run before
// 19:00 sends the previous day's if it never went out (the worker was down that evening)
// and the class has had summaries before.
// Only the latest due day is caught up: after days of downtime the teacher gets one
// summary, not a pile of stale ones. Each covers the 24 hours up to 19:00 of its day,
// so an acknowledgment appears in exactly one summary however late the run.
import type pg from 'pg';
import { idempotencyKey, insertOutbox, type NewOutboxRow } from './insert-outbox.js';
import type { ForecastRiskEventPayload } from '../events/event-types.js';
import type { Lang, TeacherSummaryPayload } from './types.js';
import { addDays, localDate, localParts, zonedTimeToUtc } from '../../lib/zoned-time.js';

export const SUMMARY_LOCAL_HOUR = 19;
const WEEK_MS = 7 * 86_400_000;

export interface TeacherSummaryOptions {
  now?: Date;
  schoolId?: string;
  /** Send today's now, covering the 24 hours up to `now`, regardless of the local hour (CLI). */
  force?: boolean;
}

/** The latest local day whose summary hour has passed at `now`, and that moment. */
export function dueSummaryDay(now: Date, timeZone: string): { date: string; at: Date } {
  const today = localDate(now, timeZone);
  const date = localParts(now, timeZone).hour >= SUMMARY_LOCAL_HOUR ? today : addDays(today, -1);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return { date, at: zonedTimeToUtc(y, m, d, SUMMARY_LOCAL_HOUR, 0, timeZone) };
}

function clock(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

export async function sendTeacherSummaries(pool: pg.Pool, options: TeacherSummaryOptions = {}): Promise<number> {
  const now = options.now ?? new Date();
  const { rows: classes } = await pool.query<{ schoolId: string; timezone: string; lang: Lang; classId: string; className: string; teacherId: string; email: string }>(
    `SELECT s.id AS "schoolId", s.timezone, s."defaultLocale"::text AS lang, c.id AS "classId", c.name AS "className", t.id AS "teacherId", t.email
       FROM classes c JOIN schools s ON s.id = c."schoolId" JOIN teachers t ON t."schoolId" = c."schoolId" AND t.id = c."classTeacherId"
      WHERE t.email IS NOT NULL AND ($1::uuid IS NULL OR s.id = $1)`,
    [options.schoolId ?? null],
  );
  const due = classes.map((c) => {
    const day = options.force ? { date: localDate(now, c.timezone), at: now } : dueSummaryDay(now, c.timezone);
    return { ...c, ...day, cause: `teacher-summary:${c.teacherId}:${c.classId}:${day.date}` };
  });
  // Already sent (or queued) summaries are not composed again: every run after 19:00 finds them.
  // Keys written before summaries were keyed by teacher (`teacher-summary:<class>:<date>`)
  // count too, so the day of an upgrade does not bring a second one.
  const legacyKey = (c: (typeof due)[number]) => idempotencyKey(c.email, `teacher-summary:${c.classId}:${c.date}`, 'email');
  const { rows: sent } = await pool.query<{ key: string }>(`SELECT "idempotencyKey" AS key FROM outbox_messages WHERE "idempotencyKey" = ANY($1::text[])`, [
    due.flatMap((c) => [idempotencyKey(c.email, c.cause, 'email'), legacyKey(c)]),
  ]);
  const sentKeys = new Set(sent.map((r) => r.key));
  // A catch-up continues a series: a class's first summary waits for an evening, rather
  // than reporting on the day before the school started using the service.
  const { rows: earlier } = await pool.query<{ classId: string }>(
    `SELECT DISTINCT split_part(payload->>'cause', ':', 3) AS "classId"
       FROM outbox_messages WHERE kind = 'teacher_summary' AND "schoolId" = ANY($1::uuid[])`,
    [[...new Set(due.map((c) => c.schoolId))]],
  );
  const summarised = new Set(earlier.map((r) => r.classId));
  const rows: NewOutboxRow[] = [];
  for (const c of due) {
    if (sentKeys.has(idempotencyKey(c.email, c.cause, 'email')) || sentKeys.has(legacyKey(c))) continue;
    const catchUp = !options.force && c.date < localDate(now, c.timezone);
    if (catchUp && !summarised.has(c.classId)) continue;
    const { date, at } = c;
    const dayAgo = new Date(at.getTime() - 86_400_000);
    const { rows: acks } = await pool.query<{ guardianName: string | null; studentName: string; subject: string; at: Date }>(
      `SELECT DISTINCT ON (a.id) g."fullName" AS "guardianName", st."fullName" AS "studentName", a.subject, a."acknowledgedAt" AS at
         FROM acknowledgments a JOIN guardians g ON g.id = a."guardianId"
         JOIN guardian_students gs ON gs."guardianId" = g.id JOIN students st ON st.id = gs."studentId"
        WHERE st."classId" = $1 AND a."acknowledgedAt" > $2 AND a."acknowledgedAt" <= $3
        ORDER BY a.id, st."fullName"`,
      [c.classId, dayAgo, at],
    );
    const { rows: inactive } = await pool.query<{ guardianName: string | null; studentName: string; views: number }>(
      `SELECT g."fullName" AS "guardianName", st."fullName" AS "studentName",
              (SELECT count(*)::int FROM view_events v WHERE v."guardianId" = g.id AND v."viewedAt" > $2 AND v."viewedAt" <= $3)
              + (SELECT count(*)::int FROM acknowledgments a WHERE a."guardianId" = g.id AND a."acknowledgedAt" > $2 AND a."acknowledgedAt" <= $3) AS views
         FROM students st JOIN guardian_students gs ON gs."studentId" = st.id JOIN guardians g ON g.id = gs."guardianId" AND g.status = 'active'
        WHERE st."classId" = $1 ORDER BY st."fullName"`,
      [c.classId, new Date(at.getTime() - WEEK_MS), at],
    );
    const risks = await classRisks(pool, c.classId, dayAgo, at);
    const payload: TeacherSummaryPayload = {
      cause: c.cause,
      lang: c.lang,
      to: c.email,
      className: c.className,
      date,
      acknowledgments: acks.map((a) => ({ guardianName: a.guardianName ?? '—', studentName: a.studentName, subject: a.subject, at: clock(a.at, c.timezone) })),
      inactive: inactive.filter((r) => r.views < 2).map((r) => ({ guardianName: r.guardianName ?? '—', studentName: r.studentName, views: r.views })),
      risks,
    };
    rows.push({ schoolId: c.schoolId, guardianId: null, channelId: null, channelType: 'email', kind: 'teacher_summary', critical: false, payload, nextAttemptAt: now, deadlineAt: null, eventIds: [] });
  }
  return insertOutbox(pool, rows);
}

/** The class's forecast_risk events in the summary's 24 hours, by student and subject. */
async function classRisks(pool: pg.Pool, classId: string, from: Date, to: Date): Promise<NonNullable<TeacherSummaryPayload['risks']>> {
  const { rows } = await pool.query<{ studentName: string; payload: ForecastRiskEventPayload }>(
    `SELECT st."fullName" AS "studentName", e.payload
       FROM domain_events e JOIN students st ON st.id = e."studentId"
      WHERE e.type = 'forecast_risk' AND e."classId" = $1 AND e."occurredAt" > $2 AND e."occurredAt" <= $3
      ORDER BY st."fullName", e.payload->>'subjectName', e.id`,
    [classId, from, to],
  );
  return rows.map(({ studentName, payload: p }) => ({ studentName, subject: p.subjectName, risk: p.risk, forecast: p.forecast, previous: p.previousForecast }));
}
