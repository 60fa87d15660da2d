// Same-day absence alerts: an «н» from the e-journal is a message by the parent's
// preference (on by default), held by quiet hours, and never repeated for the same lesson.
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { ingestBatch } from '../../../src/modules/ingestion/ingest-batch.js';
import { planNotifications } from '../../../src/modules/notifications/plan-notifications.js';
import { renderContent } from '../../../src/modules/delivery/render/render-content.js';
import { notificationBody } from '../../../src/conversation/notification-body.js';
import { getParentSettings, updateParentSettings } from '../../../src/modules/parent-settings/index.js';
import type { OutboxPayload } from '../../../src/modules/notifications/types.js';
import { createFamily, createSchool, type Family } from './fixtures.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

// 11:00 Moscow time on a Friday: a lesson day, outside quiet hours.
const MORNING = new Date('2026-11-20T08:00:00Z');
const AFTER_GRACE = new Date(MORNING.getTime() + 15 * 60_000);

async function sendMark(family: Family, externalId: string, value: string, extra: Record<string, unknown> = {}): Promise<void> {
  const student = await db.prisma.student.findUniqueOrThrow({ where: { id: family.studentId } });
  await ingestBatch(db.pool, family.schoolId, 'marks', {
    marks: [{ externalId, studentExternalId: student.externalId, subjectExternalId: 'math', date: '2026-11-20', value, kind: 'answer', ...extra }],
  });
  // The journal's send happened at a known moment; the planner is given its own clock.
  await db.pool.query(`UPDATE domain_events SET "occurredAt" = $2 WHERE "schoolId" = $1 AND "plannedAt" IS NULL`, [family.schoolId, MORNING]);
}

const absenceRows = (guardianId: string) => db.prisma.outboxMessage.findMany({ where: { guardianId, kind: 'absence' }, orderBy: { createdAt: 'asc' } });

describe('absence alerts', () => {
  test('a new absence is told the same day in every chat view, and not again when the journal re-sends or edits it', async () => {
    const schoolId = await createSchool(db.prisma);
    const family = await createFamily(db.prisma, { schoolId, n: 701 });
    await sendMark(family, 'abs-1', 'н');
    await planNotifications(db, { now: AFTER_GRACE });
    const rows = await absenceRows(family.guardianId);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.nextAttemptAt.toISOString()).toBe(AFTER_GRACE.toISOString());
    const content = renderContent('absence', rows[0]!.payload as unknown as OutboxPayload);
    expect(content.subject).toBe('Пропуск урока: Иванов Пётр 701');
    expect(content.school).toBe('Школа № 1');
    expect(content.sections[0]!.lines).toEqual(['Пропуск урока «Математика» 20.11.2026: в журнале отметка «н»']);
    expect(notificationBody(content)).toContain('Пропуск урока «Математика» 20.11.2026: в журнале отметка «н»');

    // The same row again: no event. The same absence with a comment added: no second alert.
    await sendMark(family, 'abs-1', 'н');
    await sendMark(family, 'abs-1', 'н', { comment: 'по болезни' });
    await planNotifications(db, { now: new Date(AFTER_GRACE.getTime() + 3600_000) });
    expect(await absenceRows(family.guardianId)).toHaveLength(1);
    expect(await db.prisma.outboxMessage.count({ where: { guardianId: family.guardianId } })).toBe(1);
  });

  test('quiet hours hold the alert until they end; a parent who turned it off is not told', async () => {
    const schoolId = await createSchool(db.prisma);
    const quiet = await createFamily(db.prisma, { schoolId, n: 702 });
    const off = await createFamily(db.prisma, { schoolId, n: 703 });
    // Typed quiet hours: 10:30–12:15 school time covers the 11:15 planning moment.
    await updateParentSettings(db.prisma, [quiet.guardianId], { kind: 'quiet', value: { from: '10:30', to: '12:15' } });
    expect((await getParentSettings(db.prisma, [off.guardianId])).instant.absences).toBe(true);
    const settings = await updateParentSettings(db.prisma, [off.guardianId], { kind: 'instant', value: 'absences' });
    expect(settings.instant.absences).toBe(false);
    await sendMark(quiet, 'abs-2', 'н');
    await sendMark(off, 'abs-3', 'н');
    await planNotifications(db, { now: AFTER_GRACE });
    const held = await absenceRows(quiet.guardianId);
    expect(held).toHaveLength(1);
    expect(held[0]!.nextAttemptAt.toISOString()).toBe('2026-11-20T09:15:00.000Z');
    expect(await db.prisma.outboxMessage.count({ where: { guardianId: off.guardianId } })).toBe(0);
  });

  test('a lesson the journal marks absent twice, under two ids, is told once', async () => {
    const family = await createFamily(db.prisma, { n: 705 });
    await sendMark(family, 'abs-5a', 'н');
    await planNotifications(db, { now: AFTER_GRACE });
    await sendMark(family, 'abs-5b', 'н');
    await planNotifications(db, { now: new Date(AFTER_GRACE.getTime() + 3600_000) });
    expect(await absenceRows(family.guardianId)).toHaveLength(1);
    // Both rows arriving together: still one alert.
    const other = await createFamily(db.prisma, { n: 706 });
    const student = await db.prisma.student.findUniqueOrThrow({ where: { id: other.studentId } });
    const row = (externalId: string) => ({ externalId, studentExternalId: student.externalId, subjectExternalId: 'math', date: '2026-11-20', value: 'н', kind: 'answer' });
    await ingestBatch(db.pool, other.schoolId, 'marks', { marks: [row('abs-6a'), row('abs-6b')] });
    await db.pool.query(`UPDATE domain_events SET "occurredAt" = $2 WHERE "schoolId" = $1 AND "plannedAt" IS NULL`, [other.schoolId, MORNING]);
    await planNotifications(db, { now: AFTER_GRACE });
    expect(await absenceRows(other.guardianId)).toHaveLength(1);
  });

  test('a mark that replaces an absence is a mark change, not an absence', async () => {
    const family = await createFamily(db.prisma, { n: 704, preference: { instantMarks: true } });
    await sendMark(family, 'abs-4', 'н');
    await planNotifications(db, { now: AFTER_GRACE });
    await sendMark(family, 'abs-4', '5');
    await planNotifications(db, { now: new Date(AFTER_GRACE.getTime() + 3600_000) });
    const kinds = (await db.prisma.outboxMessage.findMany({ where: { guardianId: family.guardianId }, orderBy: { createdAt: 'asc' } })).map((r) => r.kind);
    expect(kinds).toEqual(['absence', 'mark']);
  });
});
