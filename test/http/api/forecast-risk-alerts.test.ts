// Early warnings from real marks: the e-journal posts marks, ingestion keeps each subject's
// forecast and records forecast_risk events with them, the planner writes the alerts for
// the guardians who asked for them, and the class teacher's summary lists every one.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { renderContent } from '../../../src/modules/delivery/render/render-content.js';
import { addToTotals, emptyTotals } from '../../../src/modules/forecast/index.js';
import { importFile } from '../../../src/modules/ingestion/import-file.js';
import { planNotifications } from '../../../src/modules/notifications/plan-notifications.js';
import { sendTeacherSummaries } from '../../../src/modules/notifications/send-teacher-summaries.js';
import type { EventMessagePayload, TeacherSummaryPayload } from '../../../src/modules/notifications/types.js';
import { events, useApi } from './api-fixture.js';

const f = useApi();

// 23:30 in Moscow: inside the quiet hours of one of the guardians below.
const NIGHT = new Date('2025-10-01T20:30:00Z');
const MORNING = new Date('2025-10-02T05:00:00Z');

let n = 0;
const mark = (student: string, subject: string, value: string, kind = 'answer') => ({
  externalId: `m${++n}`,
  studentExternalId: student,
  subjectExternalId: subject,
  date: '2025-09-15',
  value,
  kind,
});

async function guardian(studentExternalId: string, preference: Record<string, unknown> = {}): Promise<string> {
  const prisma = f.db.prisma;
  const student = await prisma.student.findFirstOrThrow({ where: { schoolId: f.schoolA.id, externalId: studentExternalId } });
  const g = await prisma.guardian.create({ data: { schoolId: f.schoolA.id, fullName: `Родитель ${++n}`, locale: 'ru' } });
  await prisma.guardianStudent.create({ data: { guardianId: g.id, studentId: student.id } });
  await prisma.consentRecord.create({ data: { schoolId: f.schoolA.id, guardianId: g.id, studentId: student.id, decision: 'signed' } });
  await prisma.channel.create({ data: { guardianId: g.id, type: 'telegram', address: String(700000 + n), verified: true } });
  await prisma.notificationPreference.create({ data: { schoolId: f.schoolA.id, guardianId: g.id, ...preference } });
  return g.id;
}

async function post(...marks: object[]) {
  const response = await f.send('POST', '/marks', { marks });
  expect({ status: response.statusCode, body: response.statusCode === 200 ? '' : response.body }).toEqual({ status: 200, body: '' });
  return response;
}

const risks = async () => (await events(f, f.schoolA.id)).filter((e) => e.type === 'forecast_risk');

const alertsOf = (guardianId: string) =>
  f.db.prisma.outboxMessage.findMany({ where: { guardianId, kind: 'forecast_risk' }, orderBy: { createdAt: 'asc' } });

const text = (row: { kind: string; payload: unknown }) => renderContent(row.kind, row.payload as EventMessagePayload).sections.flatMap((s) => s.lines);

describe('forecast-risk alerts from marks posted to the API', () => {
  let keen: string;
  let sleepy: string;
  let calm: string;

  beforeAll(async () => {
    keen = await guardian('s1');
    sleepy = await guardian('s1', { quietFrom: '21:00', quietTo: '08:00' });
    calm = await guardian('s1', { instantRisk: false });
  });

  it('records nothing while the forecast holds, then a drop by a whole mark in the same transaction as the mark', async () => {
    // 5, 4, 4 → 4.33: the first forecast is a 4, nothing to warn about.
    await post(mark('s1', 'math', '5'), mark('s1', 'math', '4'), mark('s1', 'math', '4'));
    expect(await risks()).toEqual([]);
    // A 2 for a test (weight 3): 19 / 6 = 3.17 → 3.
    await post(mark('s1', 'math', '2', 'test'));
    const [drop] = await risks();
    expect(drop).toMatchObject({ payload: { subjectName: 'Математика', forecast: 3, previousForecast: 4, risk: 'dropped' } });
    const { rows } = await f.db.pool.query(
      `SELECT s."externalId" AS student, f.forecast FROM subject_forecasts f JOIN students s ON s.id = f."studentId" WHERE f."schoolId" = $1`,
      [f.schoolA.id],
    );
    expect(rows).toEqual([{ student: 's1', forecast: '3' }]);
  });

  it('sends the alert to guardians who asked for it, after their quiet hours, with the text parents read', async () => {
    await planNotifications(f.db, { now: NIGHT });
    const [toKeen] = await alertsOf(keen);
    expect(toKeen?.nextAttemptAt.toISOString()).toBe(NIGHT.toISOString());
    expect(text(toKeen!)).toEqual(['Прогноз итоговой отметки по предмету «Математика» снизился: 4 → 3']);
    const [toSleepy] = await alertsOf(sleepy);
    expect(toSleepy?.nextAttemptAt.toISOString()).toBe(MORNING.toISOString());
    expect(await alertsOf(calm)).toEqual([]);
  });

  it('warns of a failing forecast once, however the average hovers at the threshold', async () => {
    // Two more test 2s: 31 / 12 = 2.58 → 3, no news; a third: 37 / 15 = 2.47 → 2, failing.
    await post(mark('s1', 'math', '2', 'test'), mark('s1', 'math', '2', 'test'));
    expect(await risks()).toHaveLength(1);
    const last = mark('s1', 'math', '2', 'test');
    await post(last);
    expect((await risks()).map((e) => e.payload)).toEqual([
      expect.objectContaining({ risk: 'dropped' }),
      expect.objectContaining({ risk: 'failing', forecast: 2, previousForecast: 3 }),
    ]);
    // The journal removes that 2 (back to 3) and sends another one (2 again): told already.
    expect((await f.send('DELETE', '/marks', { externalIds: [last.externalId] })).statusCode).toBe(200);
    const again = mark('s1', 'math', '2', 'test');
    await post(again);
    expect(await risks()).toHaveLength(2);
    // A re-sent unchanged mark writes nothing, so nothing is recomputed either.
    const before = await f.db.pool.query(`SELECT "updatedAt" FROM subject_forecasts WHERE "schoolId" = $1`, [f.schoolA.id]);
    await post(again);
    expect((await f.db.pool.query(`SELECT "updatedAt" FROM subject_forecasts WHERE "schoolId" = $1`, [f.schoolA.id])).rows).toEqual(before.rows);
    await planNotifications(f.db, { now: NIGHT });
    const alerts = await alertsOf(keen);
    expect(alerts).toHaveLength(2);
    expect(text(alerts[1]!)).toEqual(['Внимание: прогноз итоговой отметки по предмету «Математика» — 2, есть риск неудовлетворительной отметки']);
  });

  it('warns when a pass/fail subject turns to a fail', async () => {
    const parent = await guardian('s2');
    await post(mark('s2', 'rus', 'зач'), mark('s2', 'rus', 'зач'), mark('s2', 'rus', 'незач'));
    await post(mark('s2', 'rus', 'незач'), mark('s2', 'rus', 'незач'));
    const last = (await risks()).at(-1);
    expect(last?.payload).toMatchObject({ subjectName: 'Русский язык', forecast: 'fail', previousForecast: 'pass', risk: 'failing' });
    await planNotifications(f.db, { now: NIGHT });
    const [alert] = await alertsOf(parent);
    expect(text(alert!)).toEqual(['Внимание: прогноз по предмету «Русский язык» — «незачёт»']);
  });

  it("lists every risk of the day in the class teacher's summary, whatever the families chose", async () => {
    const { rows } = await f.db.pool.query<{ at: Date }>(`SELECT max("occurredAt") AS at FROM domain_events WHERE "schoolId" = $1`, [f.schoolA.id]);
    const now = new Date(rows[0]!.at.getTime() + 1000);
    expect(await sendTeacherSummaries(f.db.pool, { schoolId: f.schoolA.id, now, force: true })).toBe(1);
    const summary = await f.db.prisma.outboxMessage.findFirstOrThrow({ where: { schoolId: f.schoolA.id, kind: 'teacher_summary' } });
    expect((summary.payload as unknown as TeacherSummaryPayload).risks).toHaveLength(3);
    const rendered = renderContent(summary.kind, summary.payload as unknown as TeacherSummaryPayload);
    const section = rendered.sections.find((s) => s.heading === 'Риск по прогнозу итоговых отметок');
    expect(section?.lines).toEqual([
      'Алексеев Антон: Математика — прогноз снизился: 4 → 3',
      'Алексеев Антон: Математика — прогноз 2',
      'Борисова Вера: Русский язык — прогноз «незачёт»',
    ]);
  });

  it('recomputes the forecast a corrected mark left when the journal moves it to another student', async () => {
    await post(mark('s3', 'math', '5'), mark('s3', 'math', '5'), mark('s3', 'math', '5'));
    const stray = mark('s3', 'math', '2');
    await post(stray);
    expect((await risks()).at(-1)?.payload).toMatchObject({ forecast: 4, previousForecast: 5, risk: 'dropped' });
    await post({ ...stray, studentExternalId: 's2' });
    const { rows } = await f.db.pool.query(
      `SELECT s."externalId" AS student, f.forecast FROM subject_forecasts f JOIN students s ON s.id = f."studentId" JOIN subjects j ON j.id = f."subjectId"
        WHERE f."schoolId" = $1 AND j."externalId" = 'math' ORDER BY 1`,
      [f.schoolA.id],
    );
    // s2 has that one mark only: too few for a forecast.
    expect(rows).toEqual([
      { student: 's1', forecast: '2' },
      { student: 's2', forecast: null },
      { student: 's3', forecast: '5' },
    ]);
  });

  it('records the same from marks imported from a file', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'risk-import-'));
    try {
      const csv = async (name: string, rows: ReturnType<typeof mark>[]) => {
        const file = path.join(dir, name);
        const lines = rows.map((r) => [r.externalId, r.studentExternalId, r.subjectExternalId, r.date, r.value, r.kind].join(','));
        await writeFile(file, ['externalId,studentExternalId,subjectExternalId,date,value,kind', ...lines].join('\n'));
        return file;
      };
      // s2 already has one 2 in maths: with 3, 3, 3 it is 11 / 4 → 3, the first forecast.
      await importFile(f.db.pool, f.schoolA.id, 'marks', await csv('a.csv', [mark('s2', 'math', '3'), mark('s2', 'math', '3'), mark('s2', 'math', '3')]));
      const before = (await risks()).length;
      // Two test 2s: 23 / 10 → 2.
      await importFile(f.db.pool, f.schoolA.id, 'marks', await csv('b.csv', [mark('s2', 'math', '2', 'test'), mark('s2', 'math', '2', 'test')]));
      const added = (await risks()).slice(before);
      expect(added.map((e) => e.payload)).toEqual([expect.objectContaining({ subjectName: 'Математика', forecast: 2, previousForecast: 3, risk: 'failing' })]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('keeps forecasts right when batches for the same subjects arrive at once', async () => {
    const batch = (order: string[]) => order.flatMap((student) => [mark(student, 'rus', '4'), mark(student, 'rus', '5')]);
    const responses = await Promise.all([batch(['s1', 's3']), batch(['s3', 's1']), batch(['s1', 's3']), batch(['s3', 's1'])].map((marks) => f.send('POST', '/marks', { marks })));
    expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
    const { rows } = await f.db.pool.query(
      `SELECT s."externalId" AS student, f.forecast, f."numericCount" FROM subject_forecasts f JOIN students s ON s.id = f."studentId" JOIN subjects j ON j.id = f."subjectId"
        WHERE f."schoolId" = $1 AND j."externalId" = 'rus' AND s."externalId" <> 's2' ORDER BY 1`,
      [f.schoolA.id],
    );
    expect(rows).toEqual([
      { student: 's1', forecast: '5', numericCount: 8 },
      { student: 's3', forecast: '5', numericCount: 8 },
    ]);
  });

  it('keeps running totals equal to the marks themselves after every change above', async () => {
    const { rows: kept } = await f.db.pool.query(
      `SELECT "studentId", "periodId", "subjectId", "numericCount", "numericSum", "numericWeight", "passCount", "passWeight", "failCount", "failWeight"
         FROM subject_forecasts WHERE "schoolId" = $1`,
      [f.schoolA.id],
    );
    expect(kept.length).toBeGreaterThan(3);
    for (const row of kept) {
      const { rows: marks } = await f.db.pool.query<{ value: string; weight: number }>(
        'SELECT value, weight FROM marks WHERE "studentId" = $1 AND "periodId" = $2 AND "subjectId" = $3 AND NOT deleted',
        [row.studentId, row.periodId, row.subjectId],
      );
      const totals = emptyTotals();
      for (const m of marks) addToTotals(totals, m.value, m.weight, 1);
      expect({ ...row, studentId: undefined, periodId: undefined, subjectId: undefined }).toEqual({ ...totals, studentId: undefined, periodId: undefined, subjectId: undefined });
    }
  });
});
