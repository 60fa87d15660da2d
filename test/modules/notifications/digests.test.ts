import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { createFakeTelegram, type FakeTelegram } from '../../support/fake-telegram.js';
import { nextDigestAt } from '../../../src/modules/notifications/digest-schedule.js';
import { runDigests } from '../../../src/modules/notifications/run-digests.js';
import { createDispatcher } from '../../../src/modules/delivery/dispatch-loop.js';
import { createTelegramSender } from '../../../src/channels/telegram/telegram-sender.js';
import type { DigestMessagePayload } from '../../../src/modules/notifications/types.js';
import { createFamily, createSchool } from './fixtures.js';

let db: TestDatabase;
let telegram: FakeTelegram;
beforeAll(async () => {
  db = await createTestDatabase();
  telegram = await createFakeTelegram({ rateLimit: { globalPerSecond: 1000, perChatPerSecond: 1000 } });
});
afterAll(async () => {
  await telegram.close();
  await db.drop();
});

describe('digest schedule', () => {
  const weekly = { digestFrequency: 'weekly' as const, digestWeekday: 5, digestTime: '18:00' };
  test('weekly: the next Friday 18:00 in the school zone', () => {
    // Wednesday 2026-11-18 noon UTC.
    expect(nextDigestAt(weekly, new Date('2026-11-18T12:00:00Z'), 'Europe/Moscow')?.toISOString()).toBe('2026-11-20T15:00:00.000Z');
    expect(nextDigestAt(weekly, new Date('2026-11-18T12:00:00Z'), 'Asia/Vladivostok')?.toISOString()).toBe('2026-11-20T08:00:00.000Z');
    // Friday 18:00 exactly has passed: a week later.
    expect(nextDigestAt(weekly, new Date('2026-11-20T15:00:00Z'), 'Europe/Moscow')?.toISOString()).toBe('2026-11-27T15:00:00.000Z');
  });
  test('every two weeks skips one Friday after a digest; off has none', () => {
    const biweekly = { ...weekly, digestFrequency: 'biweekly' as const };
    expect(nextDigestAt(biweekly, new Date('2026-11-20T15:00:00Z'), 'Europe/Moscow', true)?.toISOString()).toBe('2026-12-04T15:00:00.000Z');
    expect(nextDigestAt({ ...weekly, digestFrequency: 'off' }, new Date(), 'Europe/Moscow')).toBeNull();
  });
});

describe('runDigests', () => {
  test('composes new, changed and deleted marks, averages, forecasts, tests, homework, notes and absences; then schedules the next', async () => {
    const f = await createFamily(db.prisma, { preference: { nextDigestAt: new Date('2026-11-20T15:00:00Z'), lastDigestAt: new Date('2026-11-13T15:00:00Z') } });
    const now = new Date('2026-11-20T15:00:30Z');
    const old = new Date('2026-11-10T10:00:00Z');
    const fresh = new Date('2026-11-18T10:00:00Z');
    const mark = (ext: string, value: string, createdAt: Date, extra: Record<string, unknown> = {}) =>
      db.prisma.mark.create({ data: { schoolId: f.schoolId, externalId: ext, studentId: f.studentId, subjectId: f.subjectId, periodId: f.periodId, date: createdAt, value, weight: 1, createdAt, updatedAt: createdAt, ...extra } });
    await mark('m1', '5', old);
    await mark('m2', '4', old);
    await mark('m3', '3', fresh);
    await mark('m4', '4', old, { updatedAt: fresh });
    await mark('m5', '2', old, { deleted: true, deletedAt: fresh, updatedAt: fresh });
    await mark('m6', 'н', fresh);
    await db.prisma.scheduledTest.create({ data: { schoolId: f.schoolId, externalId: 't1', classId: f.classId, subjectId: f.subjectId, date: new Date('2026-11-25'), topic: 'Дроби' } });
    await db.prisma.homework.create({ data: { schoolId: f.schoolId, externalId: 'h1', classId: f.classId, subjectId: f.subjectId, dueOn: new Date('2026-11-23'), text: '№ 12' } });
    await db.prisma.recommendation.create({ data: { schoolId: f.schoolId, externalId: 'r1', studentId: f.studentId, teacherId: f.teacherId, date: new Date('2026-11-19'), text: 'Больше читать', createdAt: fresh } });

    await db.prisma.holiday.create({ data: { schoolId: f.schoolId, externalId: 'w1', name: 'Зимние каникулы', startsOn: new Date('2026-11-28'), endsOn: new Date('2026-12-02') } });
    const result = await runDigests(db.pool, { schoolId: f.schoolId, now });
    expect(result).toMatchObject({ guardians: 1, digests: 1, messages: 1 });
    const row = await db.prisma.outboxMessage.findFirstOrThrow({ where: { guardianId: f.guardianId, kind: 'digest' } });
    const child = (row.payload as unknown as DigestMessagePayload).digest.children[0]!;
    expect(child.marks.map((m) => `${m.value}:${m.status}`).sort()).toEqual(['2:deleted', '3:new', '4:changed']);
    expect(child.absences).toHaveLength(1);
    expect(child.subjects[0]).toMatchObject({ subject: 'Математика', forecast: '4', marksCount: 4 });
    expect(child.tests[0]).toMatchObject({ topic: 'Дроби' });
    expect(child.homework[0]).toMatchObject({ text: '№ 12' });
    expect(child.holidays).toEqual([{ name: 'Зимние каникулы', startsOn: '2026-11-28', endsOn: '2026-12-02' }]);
    expect(child.notes[0]).toMatchObject({ text: 'Больше читать', teacher: 'Мария Ивановна Петрова' });
    const pref = await db.prisma.notificationPreference.findFirstOrThrow({ where: { guardianId: f.guardianId } });
    expect(pref.lastDigestAt?.toISOString()).toBe(now.toISOString());
    expect(pref.nextDigestAt?.toISOString()).toBe('2026-11-27T15:00:00.000Z');
    // Run again at the same moment: nothing is due, nothing is sent twice.
    expect((await runDigests(db.pool, { schoolId: f.schoolId, now })).digests).toBe(0);

    const sender = createTelegramSender({ token: '1:TEST-TOKEN-abcdef', apiRoot: telegram.apiRoot, perSecond: 100 });
    // The dispatcher sends on the database's clock, which may read earlier than this run's
    // `now`: the digest is due from `now`, so it is moved to be due whatever today is.
    await db.prisma.outboxMessage.update({ where: { id: row.id }, data: { nextAttemptAt: new Date(0) } });
    await createDispatcher({ pool: db.pool, sender, workerId: 'd' }).runOnce();
    const [message] = telegram.sentMessages();
    expect(message?.text).toContain('Средние баллы и прогноз');
    expect(message?.text).toContain('(изменена)');
    expect(message?.text).toContain('(удалена)');
    expect(message?.text).toContain('Зимние каникулы: с 28.11.2026 по 02.12.2026');
    expect(message?.reply_markup?.inline_keyboard?.[0]?.[0]?.callback_data).toBe(`ackmsg:${row.id}`);
  });

  test('nothing new: a one-line digest, or none when the school says so; "off" gets none; --now sends regardless of schedule', async () => {
    const schoolId = await createSchool(db.prisma);
    const a = await createFamily(db.prisma, { schoolId });
    const off = await createFamily(db.prisma, { schoolId, preference: { digestFrequency: 'off' } });
    const now = new Date('2026-11-18T12:00:00Z');
    const first = await runDigests(db.pool, { schoolId, now, all: true });
    expect(first).toMatchObject({ guardians: 1, digests: 1 });
    const row = await db.prisma.outboxMessage.findFirstOrThrow({ where: { guardianId: a.guardianId } });
    expect((row.payload as unknown as DigestMessagePayload).digest.empty).toBe(true);
    expect(await db.prisma.outboxMessage.count({ where: { guardianId: off.guardianId } })).toBe(0);
    await db.prisma.school.update({ where: { id: schoolId }, data: { sendEmptyDigest: false } });
    const second = await runDigests(db.pool, { schoolId, now: new Date('2026-11-20T15:01:00Z') });
    expect(second).toMatchObject({ guardians: 1, digests: 0, skippedEmpty: 1 });
  });
});

describe('digest run --now after a partial run', () => {
  /** A stop that arrives once the first batch is under way, as a crash or Ctrl-C would. */
  function stopAfterFirstBatch(): AbortSignal {
    let reads = 0;
    // Reads: the school loop, lane one (then its batch runs), lane two, lane one again.
    return { get aborted() { reads += 1; return reads > 2; } } as AbortSignal;
  }

  test('re-running the same day reaches only the guardians who had no digest yet; nobody gets a second', async () => {
    const schoolId = await createSchool(db.prisma);
    const families = [];
    for (let i = 0; i < 3; i += 1) families.push(await createFamily(db.prisma, { schoolId }));
    // Wednesday 13:00 and 13:20 in Moscow.
    const partial = await runDigests(db.pool, { schoolId, now: new Date('2026-11-18T10:00:00Z'), all: true, batchSize: 1, signal: stopAfterFirstBatch() });
    expect(partial).toMatchObject({ guardians: 1, digests: 1, stopped: true });
    const rerun = await runDigests(db.pool, { schoolId, now: new Date('2026-11-18T10:20:00Z'), all: true });
    expect(rerun).toMatchObject({ guardians: 2, digests: 2, stopped: false });
    for (const f of families) expect(await db.prisma.outboxMessage.count({ where: { guardianId: f.guardianId, kind: 'digest' } })).toBe(1);
    // The next school day is a new slot.
    expect(await runDigests(db.pool, { schoolId, now: new Date('2026-11-19T10:00:00Z'), all: true })).toMatchObject({ guardians: 3 });
  });
});
