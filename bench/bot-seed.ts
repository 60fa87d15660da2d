// Bulk seed for the bot benchmark: one school, 400 classes of 25, 10,000 parents linked in Telegram and MAX,
// 1,000,000 marks and a timetable around today — raw SQL, since row-by-row Prisma would take minutes.
import type pg from 'pg';

export const STUDENTS = 10_000;
export const MARKS_PER_STUDENT = 100;
export const FIRST_CHAT_ID = 100_000;
/** MAX user FIRST_MAX_USER_ID + i is the same parent as Telegram chat FIRST_CHAT_ID + i. */
export const FIRST_MAX_USER_ID = 200_000;
const CLASS_SIZE = 25;
const SUBJECTS = 10;

export async function seedBench(pool: pg.Pool): Promise<void> {
  const q = (sql: string) => pool.query(sql);
  await q(`INSERT INTO schools (id, name, timezone, "updatedAt") VALUES ('00000000-0000-4000-8000-000000000001', 'Bench school', 'Europe/Moscow', now())`);
  const school = `'00000000-0000-4000-8000-000000000001'::uuid`;
  await q(`INSERT INTO academic_periods ("schoolId", "externalId", name, kind, "startsOn", "endsOn", "updatedAt")
           VALUES (${school}, 'q', 'Четверть', 'quarter', current_date - 60, current_date + 30, now()),
                  (${school}, 'y', 'Год', 'year', current_date - 200, current_date + 150, now())`);
  await q(`INSERT INTO teachers ("schoolId", "externalId", "fullName", "updatedAt") SELECT ${school}, 't' || i, 'Учитель ' || i, now() FROM generate_series(1, 40) i`);
  await q(`INSERT INTO subjects ("schoolId", "externalId", name, "updatedAt") SELECT ${school}, 'sub' || i, 'Предмет ' || i, now() FROM generate_series(1, ${SUBJECTS}) i`);
  await q(`INSERT INTO classes ("schoolId", "externalId", name, grade, "updatedAt") SELECT ${school}, 'c' || i, i || 'А', 5, now() FROM generate_series(1, ${STUDENTS / CLASS_SIZE}) i`);
  await q(`INSERT INTO students ("schoolId", "externalId", "fullName", "classId", "updatedAt")
           SELECT ${school}, 's' || i, 'Ученик ' || i, c.id, now() FROM generate_series(1, ${STUDENTS}) i
           JOIN classes c ON c."externalId" = 'c' || ((i - 1) / ${CLASS_SIZE} + 1)`);
  // One guardian per student, in student order, so chat id FIRST_CHAT_ID + i belongs to student i.
  await q(`INSERT INTO guardians ("schoolId", "fullName", phone, "updatedAt") SELECT ${school}, 'Родитель ' || i, 's' || i, now() FROM generate_series(1, ${STUDENTS}) i`);
  await q(`INSERT INTO guardian_students ("guardianId", "studentId") SELECT g.id, s.id FROM guardians g JOIN students s ON s."externalId" = g.phone`);
  await q(`INSERT INTO channels ("guardianId", type, address, verified, "updatedAt")
           SELECT g.id, 'telegram', (${FIRST_CHAT_ID} + substr(g.phone, 2)::int)::text, true, now() FROM guardians g`);
  await q(`INSERT INTO channels ("guardianId", type, address, verified, "updatedAt")
           SELECT g.id, 'max', (${FIRST_MAX_USER_ID} + substr(g.phone, 2)::int)::text, true, now() FROM guardians g`);
  const subjects = `(SELECT array_agg(id ORDER BY "externalId") FROM subjects)`;
  await q(`INSERT INTO marks ("schoolId", "externalId", "studentId", "subjectId", date, value, weight, kind)
           SELECT ${school}, 'm' || s."externalId" || '-' || k, s.id, (${subjects})[1 + k % ${SUBJECTS}],
                  current_date - (k % 120), (2 + (k * 7 + length(s."externalId")) % 4)::text, CASE WHEN k % 9 = 0 THEN 3 ELSE 1 END,
                  CASE WHEN k % 9 = 0 THEN 'test' ELSE 'answer' END
           FROM students s CROSS JOIN generate_series(1, ${MARKS_PER_STUDENT}) k`);
  await q(`INSERT INTO lessons ("schoolId", "externalId", "classId", "subjectId", "teacherId", date, number, "startsAt", "updatedAt")
           SELECT ${school}, 'l' || c."externalId" || '-' || d || '-' || n, c.id, (${subjects})[1 + (d + n + 100) % ${SUBJECTS}],
                  (SELECT id FROM teachers WHERE "externalId" = 't' || (1 + (n + d) % 40)), current_date + d, n, lpad((7 + n)::text, 2, '0') || ':30', now()
           FROM classes c CROSS JOIN generate_series(-7, 30) d CROSS JOIN generate_series(1, 6) n`);
  await q(`INSERT INTO lesson_changes ("schoolId", "lessonId", kind, "updatedAt")
           SELECT ${school}, id, 'substitution', now() FROM lessons WHERE number = 2 AND date = current_date`);
  await q('ANALYZE');
}
