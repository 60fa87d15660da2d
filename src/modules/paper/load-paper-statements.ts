// What one class's paper statements show, per family: the period's marks so far with the
// averages and forecasts computed from exactly those marks (one stated window), absences,
// and since the previous statement the final marks and exam results; upcoming tests; the
// school's announcements sent to the family on paper.
import type pg from 'pg';
import { loadPaperAnnouncements, type PaperAnnouncement } from './load-paper-announcements.js';
import { createForecastContext, forecastSubjectWith, readSchoolRules } from '../forecast/index.js';
import { countAbsences, isAbsence } from '../notifications/count-absences.js';
import { currentPeriod } from '../notifications/load-digest-data.js';
import { addDays, localDate } from '../../lib/zoned-time.js';

type Queryable = Pick<pg.PoolClient, 'query'>;

export interface PaperSubjectLine {
  subject: string;
  /** The window's marks, oldest first; absences are counted apart. */
  marks: string[];
  /** Full precision is the forecast's; this is its shown average (cut to two decimals), null when none. */
  average: number | null;
  /** '1'–'5', 'pass', 'fail', or '—' when there are too few marks. */
  forecast: string;
  absences: number;
}

export interface PaperStatement {
  schoolName: string;
  /** The days the marks, averages and absences cover ('YYYY-MM-DD'): the period so far. */
  window: { from: string; to: string };
  guardianId: string;
  guardianName: string;
  studentName: string;
  className: string;
  subjects: PaperSubjectLine[];
  finals: Array<{ subject: string; period: string; value: string | null; deferredUntil: string | null }>;
  exams: Array<{ name: string; date: string; result: string }>;
  tests: Array<{ subject: string; date: string; topic: string | null }>;
  /** On the family's first statement only, so a family with two children reads each once. */
  announcements: Array<Omit<PaperAnnouncement, 'guardianId'>>;
}

export interface PaperFamily {
  guardianId: string;
  guardianName: string;
  studentId: string;
  studentName: string;
}

/**
 * Families of the class served on paper: a refusal of electronic delivery (R2), or a
 * signed consent with no working electronic channel left (R5).
 */
export async function findPaperFamilies(client: Queryable, classId: string): Promise<PaperFamily[]> {
  const { rows } = await client.query<PaperFamily>(
    `SELECT g.id AS "guardianId", COALESCE(g."fullName", '') AS "guardianName", st.id AS "studentId", st."fullName" AS "studentName"
       FROM students st JOIN guardian_students gs ON gs."studentId" = st.id
       JOIN guardians g ON g.id = gs."guardianId" AND g.status = 'active'
      WHERE st."classId" = $1
        AND EXISTS (SELECT 1 FROM consent_records r WHERE r."guardianId" = g.id AND r."studentId" = st.id AND r."withdrawnAt" IS NULL)
        AND (EXISTS (SELECT 1 FROM consent_records r WHERE r."guardianId" = g.id AND r."studentId" = st.id
                      AND r.decision = 'refused' AND r."withdrawnAt" IS NULL)
             OR NOT EXISTS (SELECT 1 FROM channels c WHERE c."guardianId" = g.id AND c.type <> 'paper' AND c.enabled AND c.active
                              AND c.verified AND c.address IS NOT NULL))
      ORDER BY st."fullName", g."fullName"`,
    [classId],
  );
  return rows;
}

export async function loadPaperStatements(client: Queryable, schoolId: string, classId: string, from: Date, to: Date): Promise<PaperStatement[]> {
  const families = await findPaperFamilies(client, classId);
  if (families.length === 0) return [];
  const { rows: schoolRows } = await client.query<{ name: string; timezone: string; roundingThreshold: number; markWeights: unknown; className: string }>(
    `SELECT s.name, s.timezone, s."roundingThreshold", s."markWeights", c.name AS "className" FROM schools s JOIN classes c ON c."schoolId" = s.id WHERE s.id = $1 AND c.id = $2`,
    [schoolId, classId],
  );
  const school = schoolRows[0];
  if (!school) return [];
  const today = localDate(to, school.timezone);
  const period = await currentPeriod(client, schoolId, today);
  const context = createForecastContext({ rules: readSchoolRules(school), now: to, periodEndsOn: new Date(`${period?.endsOn ?? today}T00:00:00Z`), timeZone: school.timezone });
  const studentIds = [...new Set(families.map((f) => f.studentId))];
  // One window for the marks listed and the averages beside them: the period up to today
  // (without a period, the time since the previous statement).
  const window = { from: period?.startsOn ?? localDate(from, school.timezone), to: today };
  const { rows: marks } = await client.query<{ studentId: string; subject: string; value: string; weight: number; kind: string | null; date: string }>(
    `SELECT m."studentId", s.name AS subject, m.value, m.weight, m.kind, m.date::text AS date
       FROM marks m JOIN subjects s ON s."schoolId" = m."schoolId" AND s.id = m."subjectId"
      WHERE m."schoolId" = $5 AND m."studentId" = ANY($1::uuid[]) AND NOT m.deleted AND m.date BETWEEN $3::date AND $4::date
        AND ($2::uuid IS NULL OR m."periodId" = $2)
      ORDER BY m.date, m."createdAt"`,
    [studentIds, period?.id ?? null, window.from, window.to, schoolId],
  );
  const { rows: finals } = await client.query<{ studentId: string; subject: string; period: string; value: string | null; deferredUntil: string | null }>(
    `SELECT f."studentId", s.name AS subject, p.name AS period, f.value, f."deferredUntil"::text AS "deferredUntil"
       FROM final_marks f JOIN subjects s ON s."schoolId" = f."schoolId" AND s.id = f."subjectId" JOIN academic_periods p ON p."schoolId" = f."schoolId" AND p.id = f."periodId"
      WHERE f."schoolId" = $4 AND f."studentId" = ANY($1::uuid[]) AND f."publishedAt" > $2 AND f."publishedAt" <= $3 ORDER BY s.name`,
    [studentIds, from, to, schoolId],
  );
  const { rows: exams } = await client.query<{ studentId: string; name: string; date: string; mark: string | null; score: number | null; maxScore: number | null }>(
    `SELECT "studentId", name, date::text AS date, mark, score, "maxScore" FROM exam_results
      WHERE "schoolId" = $4 AND "studentId" = ANY($1::uuid[]) AND "publishedAt" > $2 AND "publishedAt" <= $3 ORDER BY date`,
    [studentIds, from, to, schoolId],
  );
  const { rows: tests } = await client.query<{ subject: string; date: string; topic: string | null }>(
    `SELECT s.name AS subject, t.date::text AS date, t.topic FROM scheduled_tests t JOIN subjects s ON s."schoolId" = t."schoolId" AND s.id = t."subjectId"
      WHERE t."schoolId" = $4 AND t."classId" = $1 AND t.date BETWEEN $2::date AND $3::date ORDER BY t.date`,
    [classId, today, addDays(today, 14), schoolId],
  );
  const announcements = await loadPaperAnnouncements(client, [...new Set(families.map((f) => f.guardianId))], from, to);
  const carried = new Set<string>();
  return families.map((family) => {
    const first = !carried.has(family.guardianId);
    carried.add(family.guardianId);
    const bySubject = new Map<string, typeof marks>();
    for (const m of marks) {
      if (m.studentId !== family.studentId) continue;
      const list = bySubject.get(m.subject) ?? [];
      list.push(m);
      bySubject.set(m.subject, list);
    }
    const subjects = [...bySubject.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([subject, list]) => {
        const f = forecastSubjectWith(context, { marks: list.map((m) => ({ ...m, date: new Date(`${m.date}T00:00:00Z`) })) });
        return {
          subject,
          marks: list.filter((m) => !isAbsence(m.value)).map((m) => m.value),
          average: f.kind === 'numeric' ? f.averageShown : null,
          forecast: f.kind === 'insufficient' ? '—' : String(f.forecast),
          absences: countAbsences(list)[0]?.dates.length ?? 0,
        };
      });
    return {
      schoolName: school.name,
      window,
      guardianId: family.guardianId,
      guardianName: family.guardianName,
      studentName: family.studentName,
      className: school.className,
      subjects,
      finals: finals.filter((f) => f.studentId === family.studentId).map(({ studentId: _s, ...f }) => f),
      exams: exams
        .filter((e) => e.studentId === family.studentId)
        .map((e) => ({ name: e.name, date: e.date, result: [e.mark, e.score !== null && e.maxScore !== null ? `${e.score}/${e.maxScore}` : null].filter(Boolean).join(', ') })),
      tests,
      announcements: first ? announcements.filter((a) => a.guardianId === family.guardianId).map(({ guardianId: _g, ...a }) => a) : [],
    };
  });
}
