// R10: the class teacher gets a daily email with the day's acknowledgments and the
// parents who did not check progress at least twice in the last seven days. Written to
// the outbox like every other message; one per class and day (idempotency key).
import type pg from 'pg';
import { insertOutbox, type NewOutboxRow } from './insert-outbox.js';
import type { Lang, TeacherSummaryPayload } from './types.js';
import { localDate, localParts } from '../../lib/zoned-time.js';

export const SUMMARY_LOCAL_HOUR = 19;
const WEEK_MS = 7 * 86_400_000;

export interface TeacherSummaryOptions {
  now?: Date;
  schoolId?: string;
  /** Send regardless of the local hour (CLI, tests). */
  force?: boolean;
}

function clock(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

export async function sendTeacherSummaries(pool: pg.Pool, options: TeacherSummaryOptions = {}): Promise<number> {
  const now = options.now ?? new Date();
  const { rows: classes } = await pool.query<{ schoolId: string; timezone: string; lang: Lang; classId: string; className: string; email: string }>(
    `SELECT s.id AS "schoolId", s.timezone, s."defaultLocale"::text AS lang, c.id AS "classId", c.name AS "className", t.email
       FROM classes c JOIN schools s ON s.id = c."schoolId" JOIN teachers t ON t.id = c."classTeacherId"
      WHERE t.email IS NOT NULL AND ($1::uuid IS NULL OR s.id = $1)`,
    [options.schoolId ?? null],
  );
  const rows: NewOutboxRow[] = [];
  for (const c of classes) {
    if (!options.force && localParts(now, c.timezone).hour !== SUMMARY_LOCAL_HOUR) continue;
    const date = localDate(now, c.timezone);
    const dayAgo = new Date(now.getTime() - 86_400_000);
    const { rows: acks } = await pool.query<{ guardianName: string | null; studentName: string; subject: string; at: Date }>(
      `SELECT DISTINCT ON (a.id) g."fullName" AS "guardianName", st."fullName" AS "studentName", a.subject, a."acknowledgedAt" AS at
         FROM acknowledgments a JOIN guardians g ON g.id = a."guardianId"
         JOIN guardian_students gs ON gs."guardianId" = g.id JOIN students st ON st.id = gs."studentId"
        WHERE st."classId" = $1 AND a."acknowledgedAt" > $2 AND a."acknowledgedAt" <= $3
        ORDER BY a.id, st."fullName"`,
      [c.classId, dayAgo, now],
    );
    const { rows: inactive } = await pool.query<{ guardianName: string | null; studentName: string; views: number }>(
      `SELECT g."fullName" AS "guardianName", st."fullName" AS "studentName",
              (SELECT count(*)::int FROM view_events v WHERE v."guardianId" = g.id AND v."viewedAt" > $2 AND v."viewedAt" <= $3)
              + (SELECT count(*)::int FROM acknowledgments a WHERE a."guardianId" = g.id AND a."acknowledgedAt" > $2 AND a."acknowledgedAt" <= $3) AS views
         FROM students st JOIN guardian_students gs ON gs."studentId" = st.id JOIN guardians g ON g.id = gs."guardianId" AND g.status = 'active'
        WHERE st."classId" = $1 ORDER BY st."fullName"`,
      [c.classId, new Date(now.getTime() - WEEK_MS), now],
    );
    const payload: TeacherSummaryPayload = {
      cause: `teacher-summary:${c.classId}:${date}`,
      lang: c.lang,
      to: c.email,
      className: c.className,
      date,
      acknowledgments: acks.map((a) => ({ guardianName: a.guardianName ?? '—', studentName: a.studentName, subject: a.subject, at: clock(a.at, c.timezone) })),
      inactive: inactive.filter((r) => r.views < 2).map((r) => ({ guardianName: r.guardianName ?? '—', studentName: r.studentName, views: r.views })),
    };
    rows.push({ schoolId: c.schoolId, guardianId: null, channelId: null, channelType: 'email', kind: 'teacher_summary', critical: false, payload, nextAttemptAt: now, deadlineAt: null, eventIds: [] });
  }
  return insertOutbox(pool, rows);
}
