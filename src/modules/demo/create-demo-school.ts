import type { Database } from '../../db/open-database.js';
import { ingestBatchIn } from '../ingestion/ingest-batch.js';
import { loadSchoolScope } from '../ingestion/load-school-scope.js';
import { withTransaction } from '../ingestion/with-transaction.js';
import { createSchool } from '../schools/create-school.js';
import { buildDemoData } from './build-demo-data.js';

export interface DemoSchool {
  id: string;
  name: string;
  apiKey: string;
  counts: Record<string, number>;
}

/**
 * A demo school filled through the ingestion code the API uses, so the demo shows what
 * an e-journal's data turns into (including the events the notifications start from).
 */
export async function createDemoSchool(db: Database, secret: string, input: { name: string; timezone?: string; today?: string }): Promise<DemoSchool> {
  const today = input.today ?? new Date().toISOString().slice(0, 10);
  const school = await createSchool(db.prisma, secret, { name: input.name, timezone: input.timezone ?? 'Europe/Moscow', actor: 'demo' });
  const data = buildDemoData(today);
  await withTransaction(db.pool, async (tx) => {
    const scope = await loadSchoolScope(tx, school.id);
    for (const [name, body] of Object.entries(data) as Array<[keyof typeof data, unknown]>) {
      await ingestBatchIn(tx, scope, name, body);
    }
  });
  const roster = data.roster;
  return {
    id: school.id,
    name: school.name,
    apiKey: school.apiKey,
    counts: {
      classes: roster.classes.length,
      students: roster.students.length,
      marks: data.marks.marks.length,
      lessons: data.timetable.lessons.length,
      substitutions: data.substitutions.changes.length,
      homework: data.homework.homework.length,
      tests: data.tests.tests.length,
      holidays: data.holidays.holidays.length,
      recommendations: data.recommendations.recommendations.length,
      finalMarks: data['final-marks'].finalMarks.length,
      examResults: data['exam-results'].results.length,
    },
  };
}
