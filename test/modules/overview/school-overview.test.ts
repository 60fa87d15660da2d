// The admin overview's figures, each computed from rows made for it (fixture: school in
// Europe/Moscow, "now" 2026-10-15T12:00Z = 15:00 local, whose day began at 2026-10-14T21:00Z).
import { loadDeliveryHistory } from '../../../src/modules/overview/load-delivery-history.js';
import { loadSchoolOverview } from '../../../src/modules/overview/load-school-overview.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { createSchoolFixture, type SchoolFixture } from '../../support/staff-fixture.js';

const NOW = new Date('2026-10-15T12:00:00Z');
const at = (iso: string) => new Date(iso);
let db: TestDatabase;
let f: SchoolFixture;
let other: SchoolFixture;

beforeAll(async () => {
  db = await createTestDatabase();
  f = await createSchoolFixture(db.prisma, 'Школа №1', NOW);
  other = await createSchoolFixture(db.prisma, 'Школа №2', NOW);
  const p = db.prisma;
  const s = f.schoolId;
  // Consent: Ivanova and Petrov signed; Sidorov's code is out with the family, an expired and a redeemed one are not.
  for (const [guardianId, studentId] of [[f.guardians.ivanova, f.students.ivanov], [f.guardians.petrov, f.students.petrova]] as const) {
    await p.consentRecord.create({ data: { schoolId: s, guardianId, studentId, decision: 'signed', recordedAt: at('2026-09-02T09:00:00Z') } });
  }
  const code = (hash: string, studentId: string, status: 'issued' | 'active' | 'redeemed', expiresAt: string) =>
    p.consentCode.create({ data: { schoolId: s, studentId, codeHash: `${s}-${hash}`, status, issuedAt: at('2026-09-01T09:00:00Z'), expiresAt: at(expiresAt) } });
  await code('c1', f.students.sidorov, 'issued', '2026-12-01T00:00:00Z');
  await code('c2', f.students.sidorov, 'issued', '2026-10-01T00:00:00Z');
  await code('c3', f.students.ivanov, 'redeemed', '2026-12-01T00:00:00Z');
  await code('c4', f.students.kuznetsova, 'active', '2026-12-01T00:00:00Z');
  // Ivanova's MAX chat was blocked: her messages go to Telegram instead.
  await p.channel.create({ data: { guardianId: f.guardians.ivanova, type: 'max', address: '7001', verified: true, active: false, inactiveReason: 'blocked' } });

  const message = (key: string, data: Record<string, unknown>) =>
    p.outboxMessage.create({ data: { idempotencyKey: `${s}-${key}`, schoolId: s, channelType: 'telegram', payload: {}, kind: 'mark', ...data } });
  // R8: one final mark waits with 5 hours left, one is 2 hours overdue, one was delivered.
  await message('r8-wait', { guardianId: f.guardians.petrov, channelType: 'email', kind: 'final_mark', critical: true, status: 'queued', createdAt: at('2026-10-14T17:00:00Z'), deadlineAt: at('2026-10-15T17:00:00Z'), payload: { studentName: 'Петрова Анна' } });
  await message('r8-late', { guardianId: f.guardians.ivanova, kind: 'exam_result', critical: true, status: 'failed', createdAt: at('2026-10-14T10:00:00Z'), updatedAt: at('2026-10-14T20:00:00Z'), deadlineAt: at('2026-10-15T10:00:00Z'), payload: { studentName: 'Иванов Пётр' } });
  await message('r8-done', { guardianId: f.guardians.ivanova, kind: 'final_mark', critical: true, status: 'sent', createdAt: at('2026-10-15T08:00:00Z'), sentAt: at('2026-10-15T08:01:00Z'), deadlineAt: at('2026-10-16T08:00:00Z') });
  // Exam results: Smirnova's is unacknowledged; Ivanova acknowledged hers on its email copy (same cause).
  await message('exam-smirnova', { guardianId: f.guardians.smirnova, channelType: 'paper', kind: 'exam_result', status: 'sent', createdAt: at('2026-10-13T08:59:00Z'), sentAt: at('2026-10-13T09:00:00Z'), payload: { cause: 'exam:1', studentName: 'Кузнецова Мария', data: { name: 'ВПР по математике' } } });
  await message('exam-ivanova', { guardianId: f.guardians.ivanova, kind: 'exam_result', status: 'sent', createdAt: at('2026-10-13T08:59:00Z'), sentAt: at('2026-10-13T09:00:00Z'), payload: { cause: 'exam:2', studentName: 'Иванов Пётр', data: { name: 'ВПР по математике' } } });
  await p.acknowledgment.create({ data: { schoolId: s, guardianId: f.guardians.ivanova, subject: 'exam_result', reference: 'exam:2', channelType: 'email', acknowledgedAt: at('2026-10-13T19:00:00Z') } });
  // Today (local): sent just after local midnight and a failure; just before midnight is yesterday.
  await message('today-sent', { guardianId: f.guardians.ivanova, status: 'sent', createdAt: at('2026-10-14T21:29:00Z'), sentAt: at('2026-10-14T21:30:00Z') });
  await message('yesterday-sent', { guardianId: f.guardians.ivanova, status: 'sent', createdAt: at('2026-10-14T20:29:00Z'), sentAt: at('2026-10-14T20:30:00Z') });
  await message('today-failed', { guardianId: f.guardians.petrov, channelType: 'email', status: 'failed', createdAt: at('2026-10-15T06:00:00Z'), updatedAt: at('2026-10-15T06:05:00Z') });
  await message('today-queued', { guardianId: f.guardians.petrov, channelType: 'email', status: 'queued', createdAt: at('2026-10-15T11:00:00Z') });
  await message('today-cancelled', { guardianId: f.guardians.petrov, channelType: 'email', status: 'cancelled', createdAt: at('2026-10-15T11:00:00Z') });
  // The other school's rows never show here.
  await p.outboxMessage.create({ data: { idempotencyKey: 'other-r8', schoolId: other.schoolId, guardianId: other.guardians.petrov, channelType: 'email', kind: 'final_mark', status: 'queued', payload: {}, createdAt: at('2026-10-15T06:00:00Z'), deadlineAt: at('2026-10-16T06:00:00Z') } });
});

afterAll(async () => {
  await db.drop();
});

describe('loadSchoolOverview', () => {
  it('counts families by the channel their messages go to: a working chat, paper, or no consent yet', async () => {
    const o = await loadSchoolOverview(db.prisma, { id: f.schoolId, timezone: 'Europe/Moscow' }, NOW);
    // Ivanov: Telegram (MAX blocked); Petrova: email bounced → paper; Kuznetsova: paper; Sidorov: no guardian.
    expect(o.families).toEqual({ total: 4, connected: 3, byChannel: { max: 0, telegram: 1, webpush: 0, email: 0, paper: 2, none: 1 } });
    const a = o.classes.find((c) => c.name === '5А');
    expect(a).toMatchObject({ families: 3, connected: 2 });
  });

  it('counts outstanding consent per class: students without a signed consent, and usable codes not yet redeemed', async () => {
    const o = await loadSchoolOverview(db.prisma, { id: f.schoolId, timezone: 'Europe/Moscow' }, NOW);
    expect(o.classes.map((c) => [c.name, c.withoutConsent, c.codesOutstanding])).toEqual([
      ['5А', 1, 1],
      ['5Б', 1, 1],
    ]);
  });

  it('counts unacknowledged final marks and exam results per class', async () => {
    const o = await loadSchoolOverview(db.prisma, { id: f.schoolId, timezone: 'Europe/Moscow' }, NOW);
    // 5А: Petrova's final marks; Ivanov's overdue exam result, which never arrived. Ivanova's acknowledged one is not counted.
    expect(o.classes.map((c) => [c.name, c.unackedFinals, c.unackedExams])).toEqual([
      ['5А', 1, 1],
      ['5Б', 0, 1],
    ]);
  });

  it('lists undelivered final marks and exam results with the hours left, the overdue one first', async () => {
    const o = await loadSchoolOverview(db.prisma, { id: f.schoolId, timezone: 'Europe/Moscow' }, NOW);
    expect(o.pending.map((m) => [m.studentName, m.kind, m.hoursLeft])).toEqual([
      ['Иванов Пётр', 'exam_result', -2],
      ['Петрова Анна', 'final_mark', 5],
    ]);
  });

  it('lists inactive channels per class with what the family gets instead', async () => {
    const o = await loadSchoolOverview(db.prisma, { id: f.schoolId, timezone: 'Europe/Moscow' }, NOW);
    expect(o.inactive.map((c) => [c.className, c.studentName, c.type, c.reason, c.fallback])).toEqual([
      ['5А', 'Иванов Пётр', 'max', 'blocked', 'telegram'],
      ['5А', 'Петрова Анна', 'email', 'bounced', 'paper'],
    ]);
    expect(o.classes.map((c) => c.inactiveChannels)).toEqual([2, 0]);
    expect(o.inactiveTotal).toBe(2);
  });

  it("counts today's deliveries from the school's midnight, not UTC's", async () => {
    const o = await loadSchoolOverview(db.prisma, { id: f.schoolId, timezone: 'Europe/Moscow' }, NOW);
    expect(o.today.date).toBe('2026-10-15');
    // r8-done and today-sent were delivered today; yesterday-sent (23:30 local) was not.
    expect(o.today.totals).toEqual({ delivered: 2, failed: 1, fell_back: 0, waiting: 1 });
    expect(o.today.byChannel.find((c) => c.channel === 'email')).toEqual({ channel: 'email', delivered: 0, failed: 1, fell_back: 0, waiting: 1 });
  });
});

describe('loadDeliveryHistory', () => {
  it('gives 14 school days ending today, each message on the local day it was sent', async () => {
    const h = await loadDeliveryHistory(db.prisma, f.schoolId, 'Europe/Moscow', NOW);
    expect(h.days).toHaveLength(14);
    expect(h.days[0]).toBe('2026-10-02');
    expect(h.days.at(-1)).toBe('2026-10-15');
    const telegramDelivered = (day: string) => h.counts.find((c) => c.day === day && c.channel === 'telegram' && c.status === 'delivered')?.count ?? 0;
    // Fixture digests (2026-10-13 12:00Z), two exam results (2026-10-13 09:00Z), yesterday-sent (23:30 local).
    expect(telegramDelivered('2026-10-13')).toBe(3);
    expect(telegramDelivered('2026-10-14')).toBe(1);
    expect(telegramDelivered('2026-10-15')).toBe(2);
    expect(h.counts.find((c) => c.day === '2026-10-14' && c.status === 'failed')).toMatchObject({ channel: 'telegram', count: 1 });
  });
});
