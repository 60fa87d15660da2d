import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { planNotifications } from '../../../src/modules/notifications/plan-notifications.js';
import { addEvent, createFamily, createSchool, finalPayload, markPayload } from './fixtures.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

const outboxOf = (guardianId: string) =>
  db.prisma.outboxMessage.findMany({ where: { guardianId }, orderBy: { createdAt: 'asc' } });

// 12:00 Moscow time on a Friday: outside any usual quiet hours.
const NOON = new Date('2026-11-20T09:00:00Z');

describe('planNotifications', () => {
  test('critical events go out at once to every working channel, with a 24-hour deadline, and are planned once', async () => {
    const family = await createFamily(db.prisma, { email: 'anna@example.test' });
    await addEvent(db.prisma, family, 'final_mark_published', finalPayload('5'), { occurredAt: NOON });
    await addEvent(db.prisma, family, 'exam_result', { examResultId: randomUUID(), name: 'ОГЭ', date: '2026-11-19', score: 30, maxScore: 31, mark: '5' }, { occurredAt: NOON });
    const result = await planNotifications(db, { now: NOON });
    expect(result.events).toBe(2);
    const rows = await outboxOf(family.guardianId);
    expect(rows.map((r) => `${r.kind}/${r.channelType}`).sort()).toEqual(['exam_result/email', 'exam_result/telegram', 'final_mark/email', 'final_mark/telegram']);
    for (const row of rows) {
      expect(row.critical).toBe(true);
      expect(row.deadlineAt?.getTime()).toBe(NOON.getTime() + 24 * 3600_000);
      expect(row.nextAttemptAt.getTime()).toBe(NOON.getTime());
      expect(row.idempotencyKey).toMatch(new RegExp(`^${family.guardianId}:event:\\d+:(telegram|email)$`));
    }
    // Replaying the same events (e.g. after a restore) makes no second message.
    await db.pool.query(`UPDATE domain_events SET "plannedAt" = NULL`);
    await planNotifications(db, { now: NOON });
    expect(await outboxOf(family.guardianId)).toHaveLength(4);
  });

  // Forecast-risk alerts come from real marks: test/http/api/forecast-risk-alerts.test.ts.
  test('marks, recommendations and timetable changes follow the preferences; homework, tests and holidays wait for the digest', async () => {
    const schoolId = await createSchool(db.prisma);
    const keen = await createFamily(db.prisma, { schoolId, preference: { instantMarks: true, instantRecommendations: true } });
    const calm = await createFamily(db.prisma, { schoolId, preference: { instantTimetable: false } });
    for (const f of [keen, calm]) {
      await addEvent(db.prisma, f, 'mark_created', markPayload(randomUUID(), '4'), { occurredAt: new Date(NOON.getTime() - 3600_000), entityId: randomUUID() });
      await addEvent(db.prisma, f, 'recommendation_created', { recommendationId: randomUUID(), teacherName: 'М. И. Петрова', date: '2026-11-20', text: 'Повторить дроби' }, { occurredAt: NOON });
    }
    await addEvent(db.prisma, keen, 'timetable_changed', { lessonId: randomUUID(), subjectName: 'Математика', date: '2026-11-21', number: 2, change: 'cancelled' }, { classLevel: true, occurredAt: NOON });
    await addEvent(db.prisma, keen, 'timetable_changed', { lessonId: randomUUID(), subjectName: 'Математика', date: '2026-12-10', number: 2, change: 'cancelled' }, { classLevel: true, occurredAt: NOON });
    await addEvent(db.prisma, keen, 'homework_created', { homeworkId: randomUUID(), subjectId: keen.subjectId, subjectName: 'Математика', dueOn: '2026-11-23', text: '№ 5' }, { classLevel: true, occurredAt: NOON });
    await addEvent(db.prisma, keen, 'test_scheduled', { testId: randomUUID(), subjectId: keen.subjectId, subjectName: 'Математика', date: '2026-11-27', topic: null }, { classLevel: true, occurredAt: NOON });
    await planNotifications(db, { now: NOON });
    expect((await outboxOf(keen.guardianId)).map((r) => r.kind).sort()).toEqual(['mark', 'recommendation', 'timetable']);
    expect((await outboxOf(calm.guardianId)).map((r) => r.kind)).toEqual([]);
    const pending = await db.prisma.domainEvent.count({ where: { schoolId, plannedAt: null } });
    expect(pending).toBe(0);
  });

  test('quiet hours hold ordinary messages until morning and critical ones never past the deadline budget', async () => {
    const family = await createFamily(db.prisma, { preference: { instantMarks: true, quietFrom: '21:00', quietTo: '08:00' } });
    // 23:30 Moscow.
    const night = new Date('2026-11-20T20:30:00Z');
    await addEvent(db.prisma, family, 'mark_created', markPayload(randomUUID(), '5'), { occurredAt: new Date(night.getTime() - 3600_000), entityId: randomUUID() });
    await addEvent(db.prisma, family, 'final_mark_published', finalPayload('4'), { occurredAt: night });
    await planNotifications(db, { now: night });
    const rows = await outboxOf(family.guardianId);
    const morning = new Date('2026-11-21T05:00:00Z');
    expect(rows.find((r) => r.kind === 'mark')?.nextAttemptAt.toISOString()).toBe(morning.toISOString());
    const critical = rows.find((r) => r.kind === 'final_mark');
    expect(critical?.nextAttemptAt.toISOString()).toBe(morning.toISOString());
    expect(critical!.nextAttemptAt.getTime()).toBeLessThan(critical!.deadlineAt!.getTime());
  });

  test('quiet hours longer than the budget: a critical message starts by hour 11 even inside them', async () => {
    const family = await createFamily(db.prisma, { preference: { quietFrom: '12:00', quietTo: '11:59' } });
    await addEvent(db.prisma, family, 'final_mark_deferred', finalPayload(null), { occurredAt: NOON });
    await planNotifications(db, { now: NOON });
    const [row] = await outboxOf(family.guardianId);
    expect(row?.nextAttemptAt.getTime()).toBe(NOON.getTime() + 11 * 3600_000);
  });

  test('grace window: a mark changed twice within it is announced once, in its final form', async () => {
    const family = await createFamily(db.prisma, { preference: { instantMarks: true } });
    const markId = randomUUID();
    const t0 = new Date('2026-11-20T08:00:00Z');
    await addEvent(db.prisma, family, 'mark_created', markPayload(markId, '3'), { occurredAt: t0, entityId: markId });
    await addEvent(db.prisma, family, 'mark_changed', markPayload(markId, '4', '3'), { occurredAt: new Date(t0.getTime() + 4 * 60_000), entityId: markId });
    await addEvent(db.prisma, family, 'mark_changed', markPayload(markId, '5', '4'), { occurredAt: new Date(t0.getTime() + 8 * 60_000), entityId: markId });
    // 12 minutes after the first change, 4 after the last: still inside the window.
    await planNotifications(db, { now: new Date(t0.getTime() + 12 * 60_000) });
    expect(await outboxOf(family.guardianId)).toHaveLength(0);
    await planNotifications(db, { now: new Date(t0.getTime() + 19 * 60_000) });
    const rows = await outboxOf(family.guardianId);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.payload).toMatchObject({ eventType: 'mark_created', data: { value: '5' } });
    expect(rows[0]?.eventIds).toHaveLength(3);
    // A later change of a mark the parent was told about says so.
    await addEvent(db.prisma, family, 'mark_changed', markPayload(markId, '4', '5'), { occurredAt: new Date(t0.getTime() + 60 * 60_000), entityId: markId });
    await addEvent(db.prisma, family, 'mark_deleted', markPayload(markId, '4', '4'), { occurredAt: new Date(t0.getTime() + 62 * 60_000), entityId: markId });
    await planNotifications(db, { now: new Date(t0.getTime() + 80 * 60_000) });
    const after = await outboxOf(family.guardianId);
    expect(after).toHaveLength(2);
    expect(after[1]?.payload).toMatchObject({ eventType: 'mark_deleted', data: { previousValue: '5' } });
  });

  test('a mark created and deleted inside the grace window is reported as nothing to send, not as another kind of event', async () => {
    const family = await createFamily(db.prisma, { preference: { instantMarks: true } });
    const markId = randomUUID();
    const t0 = new Date('2026-11-20T08:00:00Z');
    await addEvent(db.prisma, family, 'mark_created', markPayload(markId, '2'), { occurredAt: t0, entityId: markId });
    await addEvent(db.prisma, family, 'mark_deleted', markPayload(markId, '2', '2'), { occurredAt: new Date(t0.getTime() + 60_000), entityId: markId });
    const result = await planNotifications(db, { now: new Date(t0.getTime() + 60 * 60_000) });
    expect(result).toMatchObject({ events: 2, messages: 0, cancelledOut: 1 });
    expect(await outboxOf(family.guardianId)).toHaveLength(0);
    expect(await db.prisma.domainEvent.count({ where: { entityId: markId, plannedAt: null } })).toBe(0);
  });

  test('no consent or withdrawn guardian: nothing; no working electronic channel: paper', async () => {
    const schoolId = await createSchool(db.prisma);
    const none = await createFamily(db.prisma, { schoolId, consent: 'none' });
    const paper = await createFamily(db.prisma, { schoolId, telegramChat: null });
    await db.prisma.channel.create({ data: { guardianId: paper.guardianId, type: 'email', address: 'x@example.test', verified: false } });
    for (const f of [none, paper]) await addEvent(db.prisma, f, 'final_mark_published', finalPayload('3'), { occurredAt: NOON });
    await planNotifications(db, { now: NOON });
    expect(await outboxOf(none.guardianId)).toHaveLength(0);
    expect((await outboxOf(paper.guardianId)).map((r) => r.channelType)).toEqual(['paper']);
  });

  test('two planners at once split the events and plan each once', async () => {
    const schoolId = await createSchool(db.prisma);
    const families = [];
    for (let i = 0; i < 6; i += 1) families.push(await createFamily(db.prisma, { schoolId }));
    for (const f of families) for (let i = 0; i < 20; i += 1) await addEvent(db.prisma, f, 'exam_result', { examResultId: randomUUID(), name: `Экзамен ${i}`, date: '2026-11-19', score: null, maxScore: null, mark: '4' }, { occurredAt: NOON });
    const runs = await Promise.all([0, 1, 2].map(async () => {
      let total = 0;
      for (;;) {
        const r = await planNotifications(db, { now: NOON, batchSize: 7 });
        if (r.events === 0) return total;
        total += r.events;
      }
    }));
    expect(runs.reduce((a, b) => a + b, 0)).toBe(120);
    const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM outbox_messages WHERE "schoolId" = $1`, [schoolId]);
    expect(rows[0].n).toBe(120);
  });
});
