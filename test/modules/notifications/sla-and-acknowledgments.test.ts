import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { planNotifications } from '../../../src/modules/notifications/plan-notifications.js';
import { listUndeliveredCritical, runSlaCheck } from '../../../src/modules/notifications/sla-check.js';
import { recordAcknowledgment } from '../../../src/modules/notifications/record-acknowledgment.js';
import { sendTeacherSummaries } from '../../../src/modules/notifications/send-teacher-summaries.js';
import type { TeacherSummaryPayload } from '../../../src/modules/notifications/types.js';
import { addEvent, createFamily, finalPayload } from './fixtures.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

const HOUR = 3_600_000;

describe('SLA check (R8)', () => {
  test('undelivered by hour 12: falls back to the next channel; the admin view shows the time left', async () => {
    const f = await createFamily(db.prisma, { email: 'anna@example.test' });
    await db.prisma.channel.updateMany({ where: { guardianId: f.guardianId, type: 'email' }, data: { enabled: false } });
    const published = new Date('2026-11-20T09:00:00Z');
    await addEvent(db.prisma, f, 'final_mark_published', finalPayload('5'), { occurredAt: published });
    await planNotifications(db, { now: published });
    // Telegram keeps failing temporarily.
    await db.pool.query(`UPDATE outbox_messages SET status = 'queued', attempts = 3, error = '502 Bad Gateway', "nextAttemptAt" = $2 WHERE "guardianId" = $1`, [f.guardianId, new Date(published.getTime() + 13 * HOUR)]);

    expect(await runSlaCheck(db.pool, new Date(published.getTime() + 6 * HOUR))).toMatchObject({ fellBack: 0, undelivered: 1 });
    const view = await listUndeliveredCritical(db.pool, f.schoolId, new Date(published.getTime() + 6 * HOUR));
    expect(view).toHaveLength(1);
    expect(view[0]).toMatchObject({ kind: 'final_mark', channels: ['telegram'], msLeft: 18 * HOUR, lastError: '502 Bad Gateway' });

    expect((await runSlaCheck(db.pool, new Date(published.getTime() + 12 * HOUR))).fellBack).toBe(1);
    const rows = await db.prisma.outboxMessage.findMany({ where: { guardianId: f.guardianId }, orderBy: { createdAt: 'asc' } });
    expect(rows.map((r) => `${r.channelType}:${r.status}`)).toEqual(['telegram:fell_back', 'email:queued']);
    expect(rows[1]?.deadlineAt?.getTime()).toBe(published.getTime() + 24 * HOUR);
    // Once the email is sent nothing is left in the view.
    await db.prisma.outboxMessage.update({ where: { id: rows[1]!.id }, data: { status: 'sent', sentAt: new Date() } });
    expect(await listUndeliveredCritical(db.pool, f.schoolId)).toHaveLength(0);
  });
});

describe('acknowledgments (R10)', () => {
  test('pressing twice records once; the class teacher gets the daily summary with who has not checked progress', async () => {
    const f = await createFamily(db.prisma, { n: 901 });
    const quiet = await createFamily(db.prisma, { schoolId: f.schoolId, n: 902 });
    const published = new Date('2026-11-20T09:00:00Z');
    await addEvent(db.prisma, f, 'final_mark_published', finalPayload('5'), { occurredAt: published });
    await planNotifications(db, { now: published });
    const message = await db.prisma.outboxMessage.findFirstOrThrow({ where: { guardianId: f.guardianId } });
    const at = new Date('2026-11-20T10:00:00Z');
    const first = await recordAcknowledgment(db.prisma, { outboxMessageId: message.id, channelType: 'telegram', guardianId: f.guardianId, at });
    const again = await recordAcknowledgment(db.prisma, { outboxMessageId: message.id, channelType: 'telegram', guardianId: f.guardianId });
    expect(first.recorded).toBe(true);
    expect(again).toMatchObject({ recorded: false, acknowledgedAt: at });
    await expect(recordAcknowledgment(db.prisma, { outboxMessageId: message.id, channelType: 'telegram', guardianId: quiet.guardianId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await db.prisma.viewEvent.create({ data: { schoolId: f.schoolId, guardianId: f.guardianId, view: 'marks', channelType: 'telegram', viewedAt: at } });

    // 19:00 Moscow.
    const evening = new Date('2026-11-20T16:00:00Z');
    expect(await sendTeacherSummaries(db.pool, { now: new Date('2026-11-20T12:00:00Z'), schoolId: f.schoolId })).toBe(0);
    expect(await sendTeacherSummaries(db.pool, { now: evening, schoolId: f.schoolId })).toBe(1);
    expect(await sendTeacherSummaries(db.pool, { now: new Date(evening.getTime() + 60_000), schoolId: f.schoolId })).toBe(0);
    const summary = await db.prisma.outboxMessage.findFirstOrThrow({ where: { kind: 'teacher_summary', schoolId: f.schoolId } });
    const payload = summary.payload as unknown as TeacherSummaryPayload;
    expect(payload.to).toBe('teacher@school.test');
    expect(payload.acknowledgments).toEqual([{ guardianName: 'Иванова Анна 901', studentName: 'Иванов Пётр 901', subject: 'final_mark', at: '13:00' }]);
    expect(payload.inactive.map((i) => i.guardianName)).toEqual(['Иванова Анна 902']);
  });
});
