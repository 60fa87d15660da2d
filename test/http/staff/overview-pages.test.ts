// The landing pages over real HTTP: the admin's school overview, the class teacher's class
// home, their scoping, and the SVG charts with their accessible names and data tables.
import type { FastifyInstance } from 'fastify';
import { createHttpApp } from '../../../src/http/create-http-app.js';
import { renderBarChart } from '../../../src/http/staff/charts/render-bar-chart.js';
import { renderStackedBars } from '../../../src/http/staff/charts/render-stacked-bars.js';
import { staffRoutes } from '../../../src/http/staff/staff-routes.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { createSchoolFixture, createStaff, testContext, type SchoolFixture } from '../../support/staff-fixture.js';
import { StaffClient } from './staff-client.js';

let db: TestDatabase;
let app: FastifyInstance;
let one: SchoolFixture;
let two: SchoolFixture;

beforeAll(async () => {
  db = await createTestDatabase();
  const ctx = testContext(db);
  // The pages read the real clock, so the fixture is built around it.
  const now = new Date();
  one = await createSchoolFixture(db.prisma, 'Школа №1', now);
  two = await createSchoolFixture(db.prisma, 'Школа №2', now);
  // A period around today, so the weekly chart has weeks whatever the date the suite runs on.
  const day = (offset: number) => new Date(`${new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10)}T00:00:00Z`);
  await db.prisma.academicPeriod.create({ data: { schoolId: one.schoolId, externalId: 'now', name: 'Текущая четверть', kind: 'quarter', startsOn: day(-30), endsOn: day(20) } });
  await db.prisma.outboxMessage.create({
    data: { idempotencyKey: 'late-final', schoolId: one.schoolId, guardianId: one.guardians.petrov, channelType: 'email', kind: 'final_mark', critical: true, status: 'failed', payload: { studentName: 'Петрова Анна' }, createdAt: new Date(now.getTime() - 27 * 3600_000), deadlineAt: new Date(now.getTime() - 3 * 3600_000) },
  });
  await createStaff(ctx, { schoolId: one.schoolId, role: 'admin', email: 'admin@school.test' });
  await createStaff(ctx, { schoolId: one.schoolId, role: 'teacher', email: 'teacher@school.test', classExternalId: '5a' });
  app = await createHttpApp(ctx, { plugins: [staffRoutes] });
});

afterAll(async () => {
  await app.close();
  await db.drop();
});

describe('the admin overview', () => {
  let admin: StaffClient;
  beforeAll(async () => {
    admin = new StaffClient(app);
    await admin.login('admin@school.test');
  });

  it('is where an admin lands from /staff', async () => {
    const landing = await admin.get('/staff');
    expect(landing.statusCode).toBe(303);
    expect(landing.headers.location).toBe('/staff/admin');
  });

  it('shows the school at a glance, with links to the details', async () => {
    const page = await admin.get('/staff/admin');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Обзор школы</h1>');
    // Ivanova (Telegram), Petrov (email bounced → paper), Smirnova (paper); Sidorov has no guardian.
    expect(page.body).toContain('3 из 4');
    expect(page.body).toContain('семей на связи');
    expect(page.body).toContain('Только бумага: 2');
    expect(page.body).toContain(`href="/staff/admin/consent-codes?class=${one.classA.id}"`);
    expect(page.body).toContain(`href="/staff/classes/${one.classA.id}/acks?problems=1"`);
    // The overdue final mark, marked as such, and the bounced email with its fallback.
    expect(page.body).toContain('1 просрочено');
    expect(page.body).toMatch(/просрочено на 3/);
    expect(page.body).toMatch(/письма не доходят<\/td><td[^>]*>Бумага/);
    expect(page.body).not.toContain('Школа №2');
  });

  it('draws the charts as SVG with an accessible name, a legend and the numbers as a table', async () => {
    const page = await admin.get('/staff/admin');
    const charts = [...page.body.matchAll(/<svg class="chart"[^>]*role="img" aria-labelledby="([^" ]+) ([^"]+)"/g)];
    // One compliance chart per class, and deliveries by channel and by state.
    expect(charts).toHaveLength(4);
    for (const [, titleId, descId] of charts) {
      expect(page.body).toContain(`<title id="${titleId}">`);
      expect(page.body).toContain(`<desc id="${descId}">`);
    }
    expect(page.body).toContain('<title id="compliance-' + one.classA.id + '-title">Правило «дважды в неделю»: 5А</title>');
    expect(page.body).toMatch(/<desc id="compliance-[^"]+-desc">Доля родителей класса 5А, заходивших не менее чем в два разных дня/);
    expect(page.body).toContain('<title id="deliveries-by-channel-title">Сообщения по каналам за 14 дней</title>');
    expect(page.body).toContain('<ul class="chart-legend" aria-label="Каналы">');
    expect(page.body).toMatch(/<details class="chart-data"><summary>Показать цифрами<\/summary>/);
    expect(page.body).not.toMatch(/<script/);
  });

  it('speaks English when asked', async () => {
    const page = await admin.get('/staff/admin?lang=en');
    expect(page.body).toContain('<h1>School overview</h1>');
    expect(page.body).toContain('3 of 4');
    expect(page.body).toContain('Twice-a-week rule: 5А');
    await admin.get('/staff/admin?lang=ru');
  });

  it('lets an admin open any class home of their school, but not another school\'s', async () => {
    expect((await admin.get(`/staff/classes/${one.classB.id}`)).statusCode).toBe(200);
    expect((await admin.get(`/staff/classes/${two.classA.id}`)).statusCode).toBe(404);
  });
});

describe('the class home', () => {
  let teacher: StaffClient;
  beforeAll(async () => {
    teacher = new StaffClient(app);
    await teacher.login('teacher@school.test');
  });

  it('is where a class teacher lands from /staff', async () => {
    const landing = await teacher.get('/staff');
    expect(landing.statusCode).toBe(303);
    expect(landing.headers.location).toBe(`/staff/classes/${one.classA.id}`);
  });

  it('names whom to call, what is unacknowledged, and draws the class chart', async () => {
    const page = await teacher.get(`/staff/classes/${one.classA.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Класс 5А</h1>');
    // Petrov checked on one day of seven; Ivanova on three.
    const lowViews = page.body.slice(page.body.indexOf('id="low-views"'), page.body.indexOf('id="unacked"'));
    expect(lowViews).toContain('Петров Сергей');
    expect(lowViews).not.toContain('Иванова Елена');
    const unacked = page.body.slice(page.body.indexOf('id="unacked"'), page.body.indexOf('id="new-acks"'));
    expect(unacked).toContain('итоговые отметки: 1 четверть');
    expect(unacked).toContain('Петрова Анна');
    expect(page.body).toMatch(/<svg class="chart"[^>]*role="img" aria-labelledby="compliance-[^"]+"/);
    expect(page.body).toContain(`href="/staff/classes/${one.classA.id}/paper"`);
  });

  it("answers 404 for another class's home and for another school's", async () => {
    expect((await teacher.get(`/staff/classes/${one.classB.id}`)).statusCode).toBe(404);
    expect((await teacher.get(`/staff/classes/${two.classA.id}`)).statusCode).toBe(404);
    expect((await teacher.get('/staff/classes/not-a-uuid')).statusCode).toBe(404);
  });

  it('keeps the admin overview for admins', async () => {
    expect((await teacher.get('/staff/admin')).statusCode).toBe(403);
  });
});

describe('the charts', () => {
  const table = { toggle: 'Показать цифрами', head: ['Неделя', 'Доля'], rows: [['<b>1</b>', '50%']] };

  it('escapes every text, names the picture and writes each value beside its bar', () => {
    const svg = renderBarChart({ id: 'c1', title: 'Класс <5А>', summary: 'Доля & итог', categories: ['1.09', '8.09'], values: [50, 75], max: 100, format: (v) => `${v}%`, axis: { x: 'Неделя', y: 'Доля' }, table }).value;
    expect(svg).toContain('<title id="c1-title">Класс &lt;5А&gt;</title>');
    expect(svg).toContain('<desc id="c1-desc">Доля &amp; итог</desc>');
    expect(svg).toContain('aria-labelledby="c1-title c1-desc"');
    expect(svg).toContain('>50%</text>');
    expect(svg).toContain('>75%</text>');
    expect(svg).toContain('<th scope="row">&lt;b&gt;1&lt;/b&gt;</th>');
  });

  it('writes every n-th label when bars are too narrow for all, and keeps them all in the table', () => {
    const weeks = Array.from({ length: 36 }, (_, i) => `w${i}`);
    const svg = renderBarChart({ id: 'year', title: 'Год', summary: 'Год', categories: weeks, values: weeks.map(() => 40), max: 100, format: (v) => `${v}%`, axis: { x: 'Неделя', y: 'Доля' }, table }).value;
    const labels = [...svg.matchAll(/>(w\d+)<\/text>/g)].map((m) => m[1]);
    expect(labels.length).toBeGreaterThan(4);
    expect(labels.length).toBeLessThan(weeks.length / 2);
  });

  it('stacks the series with a pattern each, a legend entry each and the total above each bar', () => {
    const svg = renderStackedBars({
      id: 'd',
      title: 'Доставка',
      summary: 'Итого 9',
      categories: ['1', '2'],
      series: [
        { key: 'a', label: 'MAX', values: [3, 1] },
        { key: 'b', label: 'Эл. почта', values: [2, 3] },
      ],
      axis: { x: 'День', y: 'Сообщений' },
      legendLabel: 'Каналы',
      table,
    }).value;
    expect(svg.match(/<pattern id="d-p\d"/g)).toHaveLength(2);
    expect(svg).toContain('<ul class="chart-legend" aria-label="Каналы"><li>');
    expect(svg).toContain('<span>Эл. почта</span>');
    // Totals (5 and 4) are written above the bars, in the smaller type the axis ticks do not use.
    expect(svg).toMatch(/font-size="10" fill="#1b2430">5<\/text>/);
    expect(svg).toMatch(/font-size="10" fill="#1b2430">4<\/text>/);
  });
});
