// The class teacher's daily summary: once per school-local day after 19:00, whenever the
// worker happens to run, with a catch-up of a missed evening, and never twice.
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { renderContent } from '../../../src/modules/delivery/render/render-content.js';
import { sendTeacherSummaries } from '../../../src/modules/notifications/send-teacher-summaries.js';
import type { TeacherSummaryPayload } from '../../../src/modules/notifications/types.js';
import { createFamily } from './fixtures.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

/** A moment in Moscow (UTC+3) local time. */
const moscow = (date: string, clock: string) => new Date(`${date}T${clock}:00+03:00`);

async function summaryDates(schoolId: string): Promise<string[]> {
  const rows = await db.prisma.outboxMessage.findMany({ where: { schoolId, kind: 'teacher_summary' }, orderBy: { createdAt: 'asc' } });
  return rows.map((r) => (r.payload as unknown as TeacherSummaryPayload).date);
}

test('runs at 18:00, 20:30, 21:30 and 23:00 local (the worker was down over 19:00) give exactly one summary that day, sent at 20:30', async () => {
  const { schoolId } = await createFamily(db.prisma);
  expect(await sendTeacherSummaries(db.pool, { schoolId, now: moscow('2026-11-17', '19:10') })).toBe(1);
  const sent = [];
  for (const clock of ['18:00', '20:30', '21:30', '23:00']) sent.push(await sendTeacherSummaries(db.pool, { schoolId, now: moscow('2026-11-18', clock) }));
  expect(sent).toEqual([0, 1, 0, 0]);
  expect(await summaryDates(schoolId)).toEqual(['2026-11-17', '2026-11-18']);
});

test('a day whose evening the worker missed entirely gets its summary once, on the next run before the next evening', async () => {
  const { schoolId } = await createFamily(db.prisma);
  expect(await sendTeacherSummaries(db.pool, { schoolId, now: moscow('2026-11-18', '19:05') })).toBe(1);
  // Down from before 19:00 on the 19th until the morning of the 20th.
  expect(await sendTeacherSummaries(db.pool, { schoolId, now: moscow('2026-11-20', '09:00') })).toBe(1);
  expect(await sendTeacherSummaries(db.pool, { schoolId, now: moscow('2026-11-20', '12:00') })).toBe(0);
  expect(await sendTeacherSummaries(db.pool, { schoolId, now: moscow('2026-11-20', '19:00') })).toBe(1);
  expect(await summaryDates(schoolId)).toEqual(['2026-11-18', '2026-11-19', '2026-11-20']);
});

test('after several days down only the latest due day is sent, not a pile of stale summaries', async () => {
  const { schoolId } = await createFamily(db.prisma);
  expect(await sendTeacherSummaries(db.pool, { schoolId, now: moscow('2026-11-18', '19:05') })).toBe(1);
  expect(await sendTeacherSummaries(db.pool, { schoolId, now: moscow('2026-11-23', '20:00') })).toBe(1);
  expect(await summaryDates(schoolId)).toEqual(['2026-11-18', '2026-11-23']);
});

test('a summary queued under the key used before summaries were keyed by teacher is not sent again', async () => {
  const family = await createFamily(db.prisma);
  await db.prisma.outboxMessage.create({
    data: { idempotencyKey: `teacher@school.test:teacher-summary:${family.classId}:2026-11-18:email`, schoolId: family.schoolId, channelType: 'email', kind: 'teacher_summary', payload: { cause: `teacher-summary:${family.classId}:2026-11-18`, date: '2026-11-18' }, status: 'sent' },
  });
  expect(await sendTeacherSummaries(db.pool, { schoolId: family.schoolId, now: moscow('2026-11-18', '20:00') })).toBe(0);
});

test('a summary says when the class had no new forecast risks that day', async () => {
  const { schoolId } = await createFamily(db.prisma);
  expect(await sendTeacherSummaries(db.pool, { schoolId, now: moscow('2026-11-18', '19:10') })).toBe(1);
  const row = await db.prisma.outboxMessage.findFirstOrThrow({ where: { schoolId, kind: 'teacher_summary' } });
  const payload = row.payload as unknown as TeacherSummaryPayload;
  expect(payload.risks).toEqual([]);
  const section = renderContent(row.kind, payload).sections.find((s) => s.heading === 'Риск по прогнозу итоговых отметок');
  expect(section?.lines).toEqual(['Новых рисков нет.']);
});
