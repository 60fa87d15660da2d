import { ackReportTable } from '../../../src/modules/reports/ack-report-table.js';
import { buildAckReport } from '../../../src/modules/reports/class-ack-report.js';
import { translator } from '../../../src/i18n/index.js';
import { buildDeliveryReport } from '../../../src/modules/reports/delivery-report.js';
import { buildLessonsVsPlan } from '../../../src/modules/reports/lessons-vs-plan.js';
import { queryAuditLog } from '../../../src/modules/reports/audit-log-query.js';
import { buildSummarySheet } from '../../../src/modules/reports/summary-sheet.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { createSchoolFixture, type SchoolFixture } from '../../support/staff-fixture.js';

const NOW = new Date('2026-10-15T12:00:00Z');
let db: TestDatabase;
let f: SchoolFixture;

beforeAll(async () => {
  db = await createTestDatabase();
  f = await createSchoolFixture(db.prisma, 'Школа №1', NOW);
});

afterAll(async () => {
  await db.drop();
});

describe('acknowledgment report', () => {
  it('counts days with a view, not views: several on one day are one check (R10)', async () => {
    // 08:00 and 08:40 in Moscow on the fixture's day, beside the view at 10:00 already there.
    const extra = [new Date('2026-10-15T05:00:00Z'), new Date('2026-10-15T05:40:00Z')];
    const created = await Promise.all(extra.map((viewedAt) => db.prisma.viewEvent.create({ data: { schoolId: f.schoolId, guardianId: f.guardians.petrov, studentId: f.students.petrova, view: 'marks', channelType: 'telegram', viewedAt } })));
    try {
      const report = await buildAckReport(db.prisma, { schoolId: f.schoolId, classExternalId: '5a', now: NOW });
      expect(report.rows.find((r) => r.guardianId === f.guardians.petrov)).toMatchObject({ viewDays7d: 1, lowViews: true, weeksMet: 0 });
    } finally {
      await db.prisma.viewEvent.deleteMany({ where: { id: { in: created.map((c) => c.id) } } });
    }
  });

  it('lists every student and guardian with channels, views, digest and final-mark confirmations', async () => {
    const report = await buildAckReport(db.prisma, { schoolId: f.schoolId, classExternalId: '5a', now: NOW });
    expect(report.rows.map((r) => [r.studentName, r.guardianName])).toEqual([
      ['Иванов Пётр', 'Иванова Елена'],
      ['Петрова Анна', 'Петров Сергей'],
      ['Сидоров Олег', null],
    ]);
    const [ivanov, petrova, sidorov] = report.rows;
    expect(ivanov).toMatchObject({ viewDays7d: 3, lowViews: false, channels: [{ type: 'telegram', works: true }] });
    expect(ivanov?.digest?.acknowledgedAt).toBe(new Date(NOW.getTime() - 40 * 3600_000).toISOString());
    expect(ivanov?.finalMarks).toMatchObject({ periodName: '1 четверть', acknowledgedAt: new Date(NOW.getTime() - 20 * 3600_000).toISOString() });
    expect(petrova).toMatchObject({ viewDays7d: 1, lowViews: true, channels: [{ type: 'email', works: false, reason: 'bounced' }] });
    expect(petrova?.digest?.acknowledgedAt).toBeNull();
    expect(petrova?.finalMarks?.acknowledgedAt).toBeNull();
    expect(sidorov).toMatchObject({ guardianId: null, lowViews: true, channels: [] });
    // Another class's family never appears.
    expect(report.rows.some((r) => r.studentName === 'Кузнецова Мария')).toBe(false);
  });

  it('says final marks were never sent to a family that was sent nothing, and when they were sent to one that was', async () => {
    const ago = (h: number) => new Date(NOW.getTime() - h * 3600_000);
    // The marks came out 24 hours ago; only the Ivanovs' message went out, an hour later.
    await db.prisma.outboxMessage.create({
      data: { idempotencyKey: 'fm-sent', schoolId: f.schoolId, guardianId: f.guardians.ivanova, channelType: 'telegram', kind: 'final_mark', payload: { cause: 'event:1', studentName: 'Иванов Пётр', data: { periodId: f.periodId } }, status: 'sent', sentAt: ago(23), createdAt: ago(24) },
    });
    const report = await buildAckReport(db.prisma, { schoolId: f.schoolId, classExternalId: '5a', now: NOW });
    const [ivanov, petrova] = report.rows;
    expect(ivanov?.finalMarks?.at).toBe(ago(23).toISOString());
    expect(petrova?.finalMarks?.at).toBeNull();
    const cells = ackReportTable(report, translator('ru'), 'ru').rows.map((row) => row[5]);
    expect(cells[0]).toBe('1 четверть: отправлено 14.10.2026, 16:00, подтверждено 14.10.2026, 19:00');
    expect(cells[1]).toBe('1 четверть: не отправлялись');
  });

  it('counts weeks of the period in which a family looked at least twice, in the school time zone', async () => {
    // Two views in the week of 2026-09-07 (Moscow), one of them late on Sunday UTC but Monday in Moscow.
    const views = ['2026-09-08T09:00:00Z', '2026-09-10T09:00:00Z', '2026-09-13T22:30:00Z', '2026-09-16T09:00:00Z'];
    for (const viewedAt of views) await db.prisma.viewEvent.create({ data: { schoolId: f.schoolId, guardianId: f.guardians.petrov, view: 'marks', channelType: 'telegram', viewedAt: new Date(viewedAt) } });
    const report = await buildAckReport(db.prisma, { schoolId: f.schoolId, classExternalId: '5a', now: NOW });
    // 2026-09-01 (Tue) … 2026-10-15 (Thu): seven ISO weeks so far.
    expect(report.period?.weeks).toBe(7);
    const petrova = report.rows.find((r) => r.guardianId === f.guardians.petrov);
    // Week of 09-07: 08, 10 → met. Week of 09-14: 13T22:30Z is 14th in Moscow, plus 16 → met.
    expect(petrova?.weeksMet).toBe(2);
    const ivanov = report.rows.find((r) => r.guardianId === f.guardians.ivanova);
    expect(ivanov?.weeksMet).toBe(1);
  });

  it('filters to families needing attention and by name', async () => {
    const problems = await buildAckReport(db.prisma, { schoolId: f.schoolId, classExternalId: '5a', problemsOnly: true, now: NOW });
    expect(problems.rows.map((r) => r.studentName)).toEqual(['Петрова Анна', 'Сидоров Олег']);
    const search = await buildAckReport(db.prisma, { schoolId: f.schoolId, classExternalId: '5a', search: 'иван', now: NOW });
    expect(search.rows.map((r) => r.studentName)).toEqual(['Иванов Пётр']);
  });

  it('refuses a class of another school', async () => {
    const other = await createSchoolFixture(db.prisma, 'Другая школа', NOW);
    await expect(buildAckReport(db.prisma, { schoolId: f.schoolId, classId: other.classA.id, now: NOW })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('summary sheet', () => {
  it('gives final marks per subject, deferred marks with reason and date, and missing marks', async () => {
    const sheet = await buildSummarySheet(db.prisma, { schoolId: f.schoolId, classExternalId: '5a', periodExternalId: 'q1', now: NOW });
    expect(sheet.subjects).toEqual(['Математика', 'Русский язык']);
    expect(sheet.students.map((s) => [s.studentName, s.marks['Математика']])).toEqual([
      ['Иванов Пётр', '5'],
      ['Петрова Анна', '4'],
      ['Сидоров Олег', 'deferred'],
    ]);
    expect(sheet.deferred).toEqual([{ studentName: 'Сидоров Олег', subjectName: 'Математика', reason: 'болезнь', deferredUntil: '2026-11-10' }]);
    expect(sheet.missing).toHaveLength(3);
    expect(sheet.missing.every((m) => m.subjectName === 'Русский язык')).toBe(true);
  });
});

describe('lessons against the plan', () => {
  it('counts held lessons as past and not cancelled', async () => {
    const report = await buildLessonsVsPlan(db.prisma, { schoolId: f.schoolId, classId: f.classA.id, now: NOW });
    expect(report.rows.map((r) => [r.subjectName, r.scheduled, r.held, r.cancelled, r.remaining])).toEqual([
      ['Математика', 4, 2, 1, 1],
      ['Русский язык', 1, 1, 0, 0],
    ]);
  });

  it('counts a moved lesson on its new date', async () => {
    const maths = await db.prisma.subject.findFirstOrThrow({ where: { schoolId: f.schoolId, externalId: 'math' } });
    const lesson = await db.prisma.lesson.create({ data: { schoolId: f.schoolId, externalId: 'moved', classId: f.classA.id, subjectId: maths.id, date: new Date('2026-10-01T00:00:00Z'), number: 2 } });
    await db.prisma.lessonChange.create({ data: { schoolId: f.schoolId, lessonId: lesson.id, kind: 'moved', newDate: new Date('2026-11-02T00:00:00Z') } });
    const report = await buildLessonsVsPlan(db.prisma, { schoolId: f.schoolId, classId: f.classA.id, now: NOW });
    expect(report.rows.find((r) => r.subjectName === 'Математика')?.scheduled).toBe(4);
    await db.prisma.lesson.delete({ where: { schoolId_id: { schoolId: f.schoolId, id: lesson.id } } });
  });
});

describe('delivery and deadlines', () => {
  it('shows undelivered final marks with hours left of their 24 and inactive channels', async () => {
    await db.prisma.outboxMessage.create({
      data: { idempotencyKey: 'fm-1', schoolId: f.schoolId, guardianId: f.guardians.petrov, channelType: 'email', kind: 'final_mark', critical: true, payload: { studentName: 'Петрова Анна' }, status: 'failed', createdAt: new Date(NOW.getTime() - 20 * 3600_000), deadlineAt: new Date(NOW.getTime() + 4 * 3600_000) },
    });
    await db.prisma.outboxMessage.create({
      data: { idempotencyKey: 'fm-2', schoolId: f.schoolId, guardianId: f.guardians.ivanova, channelType: 'telegram', kind: 'exam_result', critical: true, payload: {}, status: 'queued', createdAt: new Date(NOW.getTime() - 30 * 3600_000) },
    });
    const report = await buildDeliveryReport(db.prisma, { schoolId: f.schoolId, now: NOW });
    expect(report.pending.map((p) => [p.kind, p.hoursLeft, p.studentName])).toEqual([
      ['exam_result', -6, null],
      ['final_mark', 4, 'Петрова Анна'],
    ]);
    expect(report.byStatus).toEqual(expect.arrayContaining([{ kind: 'digest', status: 'sent', count: 2 }, { kind: 'final_mark', status: 'failed', count: 1 }]));
    expect(report.inactive).toEqual([expect.objectContaining({ type: 'email', guardianName: 'Петров Сергей', reason: 'bounced', students: 'Петрова Анна (5А)' })]);
  });
});

describe('audit log', () => {
  it('filters by action prefix and actor and pages backwards', async () => {
    for (let i = 0; i < 5; i += 1) await db.prisma.auditLog.create({ data: { schoolId: f.schoolId, actorType: 'admin', action: `consent.test${i}` } });
    await db.prisma.auditLog.create({ data: { schoolId: f.schoolId, actorType: 'cli', action: 'school.create' } });
    const first = await queryAuditLog(db.prisma, { schoolId: f.schoolId, action: 'consent.', actorType: 'admin', limit: 3 });
    expect(first.entries.map((e) => e.action)).toEqual(['consent.test4', 'consent.test3', 'consent.test2']);
    const next = await queryAuditLog(db.prisma, { schoolId: f.schoolId, action: 'consent.', limit: 3, beforeId: BigInt(first.nextBeforeId as string) });
    expect(next.entries.map((e) => e.action)).toEqual(['consent.test1', 'consent.test0']);
    expect(next.nextBeforeId).toBeNull();
  });
});

describe('acknowledgments made with message buttons', () => {
  it('counts a final-mark message acknowledged in the chat and a digest acknowledged on another copy', async () => {
    const ago = (h: number) => new Date(NOW.getTime() - h * 3600_000);
    const finalMessage = await db.prisma.outboxMessage.create({
      data: { idempotencyKey: 'fm-ack', schoolId: f.schoolId, guardianId: f.guardians.petrov, channelType: 'telegram', kind: 'final_mark', payload: { cause: 'event:7', studentName: 'Петрова Анна', data: { periodId: f.periodId } }, status: 'acknowledged', createdAt: ago(23) },
    });
    await db.prisma.acknowledgment.create({ data: { schoolId: f.schoolId, guardianId: f.guardians.petrov, outboxMessageId: finalMessage.id, subject: 'final_mark', reference: 'event:7', channelType: 'telegram', acknowledgedAt: ago(22) } });
    const telegram = await db.prisma.outboxMessage.create({
      data: { idempotencyKey: 'dg-tg', schoolId: f.schoolId, guardianId: f.guardians.petrov, channelType: 'telegram', kind: 'digest', payload: { cause: 'digest:w42' }, status: 'fell_back', createdAt: ago(2) },
    });
    await db.prisma.outboxMessage.create({
      data: { idempotencyKey: 'dg-email', schoolId: f.schoolId, guardianId: f.guardians.petrov, channelType: 'email', kind: 'digest', payload: { cause: 'digest:w42' }, status: 'sent', sentAt: ago(1), createdAt: ago(1) },
    });
    await db.prisma.acknowledgment.create({ data: { schoolId: f.schoolId, guardianId: f.guardians.petrov, outboxMessageId: telegram.id, subject: 'digest', reference: 'digest:w42', channelType: 'telegram', acknowledgedAt: ago(0.5) } });

    const report = await buildAckReport(db.prisma, { schoolId: f.schoolId, classExternalId: '5a', now: NOW });
    const petrova = report.rows.find((r) => r.guardianId === f.guardians.petrov);
    expect(petrova?.finalMarks?.acknowledgedAt).toBe(ago(22).toISOString());
    expect(petrova?.digest).toEqual({ at: ago(1).toISOString(), acknowledgedAt: ago(0.5).toISOString() });
  });
});
