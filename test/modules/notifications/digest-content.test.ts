// What a digest tells, the same in every channel: the title, then its dates; a first digest
// over the last week; absences this week; forecasts that moved since the previous digest;
// one decimal format; the teacher's-final-mark note; the daily schedule.
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { runDigests } from '../../../src/modules/notifications/run-digests.js';
import { nextDigestAt } from '../../../src/modules/notifications/digest-schedule.js';
import { renderContent } from '../../../src/modules/delivery/render/render-content.js';
import { renderEmail } from '../../../src/modules/delivery/render/render-email.js';
import { notificationBody } from '../../../src/conversation/notification-body.js';
import { renderHtml } from '../../../src/conversation/render-html.js';
import type { DigestMessagePayload } from '../../../src/modules/notifications/types.js';
import { createFamily, type Family } from './fixtures.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

let n = 0;
const mark = (f: Family, value: string, date: string, createdAt = new Date(`${date}T10:00:00Z`), weight = 1) =>
  db.prisma.mark.create({
    data: { schoolId: f.schoolId, externalId: `dc${(n += 1)}`, studentId: f.studentId, subjectId: f.subjectId, periodId: f.periodId, date: new Date(date), value, weight, createdAt, updatedAt: createdAt },
  });

async function digestOf(f: Family): Promise<DigestMessagePayload> {
  const row = await db.prisma.outboxMessage.findFirstOrThrow({ where: { guardianId: f.guardianId, kind: 'digest' }, orderBy: { createdAt: 'desc' } });
  return row.payload as unknown as DigestMessagePayload;
}

describe('digest content', () => {
  test("a first digest covers the last 7 days: title first, then dates, absences this week, averages with a decimal comma and the teacher's-final-mark note", async () => {
    const f = await createFamily(db.prisma, { n: 801 });
    // Sent in bulk today, as a journal's first import is: only the last week's lessons are news.
    const today = new Date('2026-11-20T14:00:00Z');
    for (const [value, date] of [['5', '2026-11-03'], ['4', '2026-11-05'], ['3', '2026-11-16'], ['4', '2026-11-18'], ['н', '2026-11-17'], ['н', '2026-11-19'], ['н', '2026-11-04']] as const) {
      await mark(f, value, date, today);
    }
    const now = new Date('2026-11-20T15:00:00Z');
    await runDigests(db.pool, { schoolId: f.schoolId, now, all: true });
    const payload = await digestOf(f);
    expect(payload.digest.since).toBe('2026-11-13T15:00:00.000Z');
    const child = payload.digest.children[0]!;
    expect(child.marks.map((m) => m.date)).toEqual(['2026-11-16', '2026-11-18']);
    expect(child.absences).toEqual([{ subject: 'Математика', dates: ['2026-11-17', '2026-11-19'] }]);
    expect(child.periodAbsences).toBe(3);

    const content = renderContent('digest', payload);
    expect(content.title).toBe('Сводка об успеваемости');
    expect(content.subtitle).toBe('с 13.11.2026 по 20.11.2026');
    expect(content.school).toBe('Школа № 1');
    expect(content.subject).toBe('Сводка об успеваемости — Школа № 1');
    const chat = renderHtml(notificationBody(content));
    const lines = chat.split('\n');
    expect(lines[0]).toBe('<b>Сводка об успеваемости</b>');
    expect(lines[1]).toBe('с 13.11.2026 по 20.11.2026');
    expect(chat).toContain('<b>Пропуски за неделю</b>\nМатематика: 2 урока (17.11, 19.11)\nВсего за период: 3 урока');
    // 5+4+3+4 = 16 / 4 = 4: shown as "4"; a fraction gets a comma.
    expect(chat).toContain('Математика: средний 4, прогноз 4, пропуски: 3');
    expect(chat).toContain('<i>Это расчёт по текущим отметкам. Итоговую отметку выставляет учитель.</i>');

    const email = renderEmail(content, 'ru', {});
    expect(email.text.split('\n').slice(0, 3)).toEqual(['Школа № 1', 'Сводка об успеваемости', 'с 13.11.2026 по 20.11.2026']);
    expect(email.text).toContain('Итоговую отметку выставляет учитель');
    expect(email.html).toContain('Итоговую отметку выставляет учитель');
    expect(email.html).not.toMatch(/<ul[^>]*><\/ul>/);
  });

  test('a forecast that moved since the previous digest is marked with its direction, in words; English uses a decimal point', async () => {
    const f = await createFamily(db.prisma, { n: 802, preference: { lastDigestAt: new Date('2026-11-13T15:00:00Z'), nextDigestAt: new Date('2026-11-20T15:00:00Z') } });
    const before = new Date('2026-11-10T10:00:00Z');
    for (const value of ['3', '3', '4']) await mark(f, value, '2026-11-10', before);
    // Since the last digest: two fives lift 3.33 to 3.8, a forecast of 4 instead of 3.
    for (const value of ['5', '4']) await mark(f, value, '2026-11-18');
    const now = new Date('2026-11-20T15:00:30Z');
    await runDigests(db.pool, { schoolId: f.schoolId, now });
    const payload = await digestOf(f);
    expect(payload.digest.children[0]!.subjects[0]).toMatchObject({ forecast: '4', previousForecast: '3', average: 3.8 });
    const ru = notificationBody(renderContent('digest', payload)).join('\n');
    expect(ru).toContain('Математика: средний 3,8, прогноз 4 ↑ выше, чем в прошлой сводке (3)');
    const en = notificationBody(renderContent('digest', { ...payload, lang: 'en' })).join('\n');
    expect(en).toContain('Математика: average 3.8, forecast 4 ↑ up since the last digest (3)');
  });

  test('a daily digest comes every day at its time', () => {
    const daily = { digestFrequency: 'daily' as const, digestWeekday: 5, digestTime: '18:00' };
    expect(nextDigestAt(daily, new Date('2026-11-18T12:00:00Z'), 'Europe/Moscow')?.toISOString()).toBe('2026-11-18T15:00:00.000Z');
    expect(nextDigestAt(daily, new Date('2026-11-18T15:00:00Z'), 'Europe/Moscow', true)?.toISOString()).toBe('2026-11-19T15:00:00.000Z');
  });
});
