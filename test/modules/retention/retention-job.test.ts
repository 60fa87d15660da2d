// The worker runs retention daily: its job deletes what is past its period and keeps the rest.
import { JOBS } from '../../../src/jobs/job-definitions.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { testContext } from '../../support/context.js';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

test('the daily retention job deletes view events older than the school keeps them, and keeps recent ones', async () => {
  const job = JOBS.find((j) => j.name === 'retention:run');
  expect(job).toMatchObject({ every: '1 day' });
  const school = await db.prisma.school.create({ data: { name: 'Школа', timezone: 'Asia/Omsk', retainViewEventsDays: 400 } });
  const guardian = await db.prisma.guardian.create({ data: { schoolId: school.id } });
  // The job counts from the real clock, so the rows sit far on either side of the period.
  const at = (days: number) => new Date(Date.now() - days * 86_400_000);
  const old = await db.prisma.viewEvent.create({ data: { schoolId: school.id, guardianId: guardian.id, view: 'marks', channelType: 'telegram', viewedAt: at(800) } });
  const recent = await db.prisma.viewEvent.create({ data: { schoolId: school.id, guardianId: guardian.id, view: 'marks', channelType: 'telegram', viewedAt: at(10) } });

  await job!.handler(testContext(db), job!.schema.parse({}), new AbortController().signal);

  const left = await db.prisma.viewEvent.findMany({ select: { id: true } });
  expect(left.map((v) => v.id)).toEqual([recent.id]);
  expect(left.map((v) => v.id)).not.toContain(old.id);
});
