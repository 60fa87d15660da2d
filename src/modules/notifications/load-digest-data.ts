// Loads what the digests of a batch of guardians need in a few set-based queries.
import type pg from 'pg';
import type { DigestChildInput, DigestMarkRow } from './compose-digest.js';
import { addDays } from '../../lib/zoned-time.js';
import { findPeriod } from '../periods/find-period.js';
import { FIRST_DIGEST_DAYS } from './digest-window.js';

type Queryable = Pick<pg.PoolClient, 'query'>;

export interface GuardianChildren {
  guardianId: string;
  children: DigestChildInput[];
}

export interface CurrentPeriod {
  id: string;
  endsOn: string;
  startsOn?: string;
}

/** The period covering today, chosen by findPeriod (a quarter rather than the year). */
export async function currentPeriod(client: Queryable, schoolId: string, today: string): Promise<CurrentPeriod | undefined> {
  const { rows } = await client.query<CurrentPeriod & { startsOn: string }>(
    `SELECT id, "startsOn"::text AS "startsOn", "endsOn"::text AS "endsOn" FROM academic_periods
      WHERE "schoolId" = $1 AND "startsOn" <= $2::date AND "endsOn" >= $2::date`,
    [schoolId, today],
  );
  return findPeriod(rows, today);
}

export async function loadDigestData(
  client: Queryable,
  schoolId: string,
  guardians: ReadonlyArray<{ guardianId: string; since: Date | null }>,
  period: CurrentPeriod | undefined,
  today: string,
): Promise<GuardianChildren[]> {
  const ids = guardians.map((g) => g.guardianId);
  const { rows: links } = await client.query<{ guardianId: string; studentId: string; studentName: string; classId: string; className: string; schoolName: string }>(
    `SELECT gs."guardianId", st.id AS "studentId", st."fullName" AS "studentName", st."classId", c.name AS "className", sc.name AS "schoolName"
       FROM guardian_students gs JOIN students st ON st."schoolId" = $2 AND st.id = gs."studentId"
       JOIN classes c ON c."schoolId" = st."schoolId" AND c.id = st."classId"
       JOIN schools sc ON sc.id = st."schoolId"
      WHERE gs."guardianId" = ANY($1::uuid[])
        AND EXISTS (SELECT 1 FROM consent_records r WHERE r."schoolId" = st."schoolId" AND r."guardianId" = gs."guardianId" AND r."studentId" = st.id
                      AND r.decision = 'signed' AND r."withdrawnAt" IS NULL)
      ORDER BY st."fullName"`,
    [ids, schoolId],
  );
  const studentIds = [...new Set(links.map((l) => l.studentId))];
  const classIds = [...new Set(links.map((l) => l.classId))];
  const earliest = guardians.reduce<Date | null>((min, g) => (g.since && (!min || g.since < min) ? g.since : min), null);
  const sinceAll = guardians.some((g) => !g.since) ? new Date(0) : (earliest ?? new Date(0));

  // One client in a transaction runs its queries one after another.
  // Instants as epoch milliseconds: parsing numbers is far cheaper than timestamptz text,
  // and a digest run reads ~40 marks for every child of the school.
  // date_part, not extract: extract computes in numeric, several times slower on ~20,000 rows
  // a batch; the column keeps milliseconds, so the rounded double is exact.
  // Rows shaped as DigestMarkRow already (only `date` is added below), so nothing is copied.
  const marks = await client.query<DigestMarkRow & { studentId: string }>(
    `SELECT "studentId", "subjectId", value, weight, kind, date::text AS day, deleted,
            round(date_part('epoch', "createdAt") * 1000) AS "createdMs", round(date_part('epoch', "updatedAt") * 1000) AS "updatedMs",
            round(date_part('epoch', "deletedAt") * 1000) AS "deletedMs"
       FROM marks WHERE "schoolId" = $4 AND "studentId" = ANY($1::uuid[])
        AND ($2::uuid IS NULL OR "periodId" = $2 OR ("periodId" IS NULL AND "updatedAt" > $3))`,
    [studentIds, period?.id ?? null, sinceAll, schoolId],
  );
  const subjects = await client.query<{ id: string; name: string }>(
    `SELECT s.id, s.name FROM subjects s WHERE s."schoolId" = $1`,
    [schoolId],
  );
  const tests = await client.query<{ classId: string; subject: string; date: string; topic: string | null }>(
      `SELECT t."classId", s.name AS subject, t.date::text AS date, t.topic FROM scheduled_tests t JOIN subjects s ON s."schoolId" = t."schoolId" AND s.id = t."subjectId"
        WHERE t."schoolId" = $4 AND t."classId" = ANY($1::uuid[]) AND t.date BETWEEN $2::date AND $3::date ORDER BY t.date`,
      [classIds, today, addDays(today, 14), schoolId],
    );
  const homework = await client.query<{ classId: string; subject: string; dueOn: string; text: string }>(
      `SELECT h."classId", s.name AS subject, h."dueOn"::text AS "dueOn", h.text FROM homework h JOIN subjects s ON s."schoolId" = h."schoolId" AND s.id = h."subjectId"
        WHERE h."schoolId" = $4 AND h."classId" = ANY($1::uuid[]) AND h."dueOn" BETWEEN $2::date AND $3::date ORDER BY h."dueOn"`,
      [classIds, today, addDays(today, 7), schoolId],
    );
  const timetable = await client.query<{ classId: string; subject: string; date: string; number: number; change: string; note: string | null; updatedAt: Date }>(
      `SELECT l."classId", s.name AS subject, l.date::text AS date, l.number, ch.kind::text AS change, ch.note, ch."updatedAt"
         FROM lesson_changes ch JOIN lessons l ON l."schoolId" = ch."schoolId" AND l.id = ch."lessonId" JOIN subjects s ON s."schoolId" = l."schoolId" AND s.id = l."subjectId"
        WHERE l."schoolId" = $3 AND l."classId" = ANY($1::uuid[]) AND l.date >= $2::date ORDER BY l.date, l.number`,
      [classIds, today, schoolId],
    );
  const notes = await client.query<{ studentId: string; teacher: string | null; date: string; text: string; createdAt: Date }>(
      `SELECT r."studentId", t."fullName" AS teacher, r.date::text AS date, r.text, r."createdAt"
         FROM recommendations r LEFT JOIN teachers t ON t."schoolId" = r."schoolId" AND t.id = r."teacherId"
        WHERE r."schoolId" = $3 AND r."studentId" = ANY($1::uuid[]) AND r."createdAt" > $2 ORDER BY r.date`,
      [studentIds, sinceAll, schoolId],
    );
  const holidays = await client.query<{ classIds: string[]; name: string; startsOn: string; endsOn: string }>(
    `SELECT COALESCE("classIds"::text[], '{}') AS "classIds", name, "startsOn"::text AS "startsOn", "endsOn"::text AS "endsOn" FROM holidays
      WHERE "schoolId" = $1 AND "endsOn" >= $2::date AND "startsOn" <= $3::date ORDER BY "startsOn"`,
    [schoolId, today, addDays(today, 14)],
  );
  const subjectNames = new Map(subjects.rows.map((s) => [s.id, s.name]));
  const group = <T, K extends keyof T>(rows: T[], key: K) => {
    const map = new Map<unknown, T[]>();
    for (const row of rows) {
      const list = map.get(row[key]);
      if (list) list.push(row);
      else map.set(row[key], [row]);
    }
    return map;
  };
  // Raw `date` columns arrive as 'YYYY-MM-DD'; the forecast counts days from UTC midnights.
  const dates = new Map<string, Date>();
  const day = (iso: string) => {
    let date = dates.get(iso);
    if (!date) dates.set(iso, (date = new Date(`${iso}T00:00:00Z`)));
    return date;
  };
  for (const m of marks.rows) m.date = day(m.day);
  const marksBy = group(marks.rows, 'studentId');
  const testsBy = group(tests.rows, 'classId');
  const homeworkBy = group(homework.rows, 'classId');
  const timetableBy = group(timetable.rows, 'classId');
  const notesBy = group(notes.rows, 'studentId');
  const sinceOf = new Map(guardians.map((g) => [g.guardianId, g.since?.getTime() ?? 0]));
  const result = new Map<string, DigestChildInput[]>(ids.map((id) => [id, []]));
  for (const link of links) {
    // A first digest tells of the last week's notes and changes, not of everything ever sent.
    const since = sinceOf.get(link.guardianId) || Date.parse(`${addDays(today, -FIRST_DIGEST_DAYS)}T00:00:00Z`);
    result.get(link.guardianId)?.push({
      studentId: link.studentId,
      studentName: link.studentName,
      className: link.className,
      schoolName: link.schoolName,
      periodStartsOn: period?.startsOn ?? null,
      marks: marksBy.get(link.studentId) ?? [],
      subjectNames,
      tests: testsBy.get(link.classId) ?? [],
      homework: homeworkBy.get(link.classId) ?? [],
      timetable: (timetableBy.get(link.classId) ?? []).filter((x) => x.updatedAt.getTime() > since),
      notes: (notesBy.get(link.studentId) ?? []).filter((n) => n.createdAt.getTime() > since),
      holidays: holidays.rows.filter((h) => h.classIds.length === 0 || h.classIds.includes(link.classId)).map(({ name, startsOn, endsOn }) => ({ name, startsOn, endsOn })),
    });
  }
  return ids.map((guardianId) => ({ guardianId, children: result.get(guardianId) ?? [] }));
}
