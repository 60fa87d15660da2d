// The class teacher's home and the weekly R10 compliance (fixture: Europe/Moscow, period
// 2026-09-01…2026-10-31, "now" Thursday 2026-10-15T12:00Z = 15:00 local).
import { loadClassHome } from '../../../src/modules/overview/load-class-home.js';
import { loadWeeklyCompliance } from '../../../src/modules/overview/load-weekly-compliance.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { createSchoolFixture, type SchoolFixture } from '../../support/staff-fixture.js';

const NOW = new Date('2026-10-15T12:00:00Z');
const TZ = 'Europe/Moscow';
const at = (iso: string) => new Date(iso);
let db: TestDatabase;
let f: SchoolFixture;

beforeAll(async () => {
  db = await createTestDatabase();
  f = await createSchoolFixture(db.prisma, 'Школа №1', NOW);
  const p = db.prisma;
  const view = (guardianId: string, viewedAt: string) => p.viewEvent.create({ data: { schoolId: f.schoolId, guardianId, view: 'marks', channelType: 'telegram', viewedAt: at(viewedAt) } });
  // Week of 5 October: Ivanova on two days; Petrov twice on one day; Smirnova on Monday
  // 01:30 local (still Sunday in UTC) and on Wednesday.
  await view(f.guardians.ivanova, '2026-10-06T06:00:00Z');
  await view(f.guardians.ivanova, '2026-10-08T06:00:00Z');
  await view(f.guardians.petrov, '2026-10-06T06:00:00Z');
  await view(f.guardians.petrov, '2026-10-06T15:00:00Z');
  await view(f.guardians.smirnova, '2026-10-04T22:30:00Z');
  await view(f.guardians.smirnova, '2026-10-07T09:00:00Z');
  // Both signed; Petrov's only channel (email) bounced, so his family is on paper.
  for (const [guardianId, studentId] of [[f.guardians.ivanova, f.students.ivanov], [f.guardians.petrov, f.students.petrova]] as const) {
    await p.consentRecord.create({ data: { schoolId: f.schoolId, guardianId, studentId, decision: 'signed', recordedAt: at('2026-09-02T09:00:00Z') } });
  }
  await p.paperBatch.create({ data: { schoolId: f.schoolId, classId: f.classA.id, coversFrom: at('2026-09-21T12:00:00Z'), coversTo: at('2026-10-05T12:00:00Z'), guardianIds: [f.guardians.petrov], createdAt: at('2026-10-05T12:00:00Z') } });
  await p.acknowledgment.create({ data: { schoolId: f.schoolId, guardianId: f.guardians.ivanova, subject: 'exam_result', reference: 'exam:9', channelType: 'max', acknowledgedAt: at('2026-10-15T07:00:00Z') } });
});

afterAll(async () => {
  await db.drop();
});

describe('loadWeeklyCompliance', () => {
  it('counts, per class and school week, guardians who checked on two different days', async () => {
    const c = await loadWeeklyCompliance(db.prisma, f.schoolId, TZ, NOW);
    expect(c.period?.name).toBe('1 четверть');
    expect(c.weeks).toEqual(['2026-08-31', '2026-09-07', '2026-09-14', '2026-09-21', '2026-09-28', '2026-10-05', '2026-10-12']);
    expect(c.currentWeek).toBe('2026-10-12');
    // 5А: Ivanova met the week of 5 Oct (Petrov's two views on one day do not count) and this
    // week (14 and 15 Oct). 5Б: Smirnova's Monday-01:30 view belongs to the week of 5 Oct.
    expect(c.classes).toEqual([
      { classId: f.classA.id, className: '5А', guardians: 2, met: [0, 0, 0, 0, 0, 1, 1] },
      { classId: f.classB.id, className: '5Б', guardians: 1, met: [0, 0, 0, 0, 0, 1, 0] },
    ]);
  });

  it('covers one class when asked, and nothing before the period starts', async () => {
    const one = await loadWeeklyCompliance(db.prisma, f.schoolId, TZ, NOW, f.classB.id);
    expect(one.classes.map((k) => k.className)).toEqual(['5Б']);
    const before = await loadWeeklyCompliance(db.prisma, f.schoolId, TZ, at('2026-08-20T12:00:00Z'));
    expect(before.weeks).toEqual([]);
  });
});

describe('loadClassHome', () => {
  it('names who checked on fewer than two days in the last seven, with the channel that reaches them', async () => {
    const home = await loadClassHome(db.prisma, db.pool, { schoolId: f.schoolId, classId: f.classA.id, timeZone: TZ, paperCadenceDays: 14 }, NOW);
    // Ivanova checked on 11, 14 and 15 Oct; Petrov only on 15 Oct, and his email bounced.
    expect(home.lowViews).toEqual([{ guardianName: 'Петров Сергей', studentName: 'Петрова Анна', days: 1, channel: 'paper', phone: null }]);
  });

  it("lists the class's unacknowledged final marks", async () => {
    const home = await loadClassHome(db.prisma, db.pool, { schoolId: f.schoolId, classId: f.classA.id, timeZone: TZ, paperCadenceDays: 14 }, NOW);
    expect(home.unacked.map((u) => [u.studentName, u.kind, u.label])).toEqual([['Петрова Анна', 'final_marks', '1 четверть']]);
  });

  it("lists acknowledgments since the start of yesterday in the school's zone", async () => {
    const home = await loadClassHome(db.prisma, db.pool, { schoolId: f.schoolId, classId: f.classA.id, timeZone: TZ, paperCadenceDays: 14 }, NOW);
    // The fixture's digest acknowledgment (13 Oct 23:00 local) is older than yesterday.
    expect(home.newAcks.map((a) => [a.guardianName, a.subject, a.at])).toEqual([
      ['Иванова Елена', 'exam_result', '2026-10-15T07:00:00.000Z'],
      ['Иванова Елена', 'final_marks', '2026-10-14T16:00:00.000Z'],
    ]);
  });

  it('lists the families on paper and when the next batch is due', async () => {
    const home = await loadClassHome(db.prisma, db.pool, { schoolId: f.schoolId, classId: f.classA.id, timeZone: TZ, paperCadenceDays: 14 }, NOW);
    expect(home.paper.families.map((p) => p.guardianName)).toEqual(['Петров Сергей']);
    expect(home.paper.current?.coversTo).toBe('2026-10-05T12:00:00.000Z');
    expect(home.paper.nextDueAt).toBe('2026-10-19T12:00:00.000Z');
    const overdue = await loadClassHome(db.prisma, db.pool, { schoolId: f.schoolId, classId: f.classA.id, timeZone: TZ, paperCadenceDays: 7 }, NOW);
    expect(overdue.paper.nextDueAt).toBe(NOW.toISOString());
    const none = await loadClassHome(db.prisma, db.pool, { schoolId: f.schoolId, classId: f.classB.id, timeZone: TZ, paperCadenceDays: 14 }, NOW);
    expect(none.paper).toEqual({ families: [], current: null, nextDueAt: null });
  });
});
