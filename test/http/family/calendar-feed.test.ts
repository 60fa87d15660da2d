// The calendar feed: turned on from the conversation (any channel), fetched by a calendar
// app by its secret URL, valid iCalendar; a reset or a withdrawal makes the old URL 404.
import type { FastifyInstance } from 'fastify';
import { createHttpApp } from '../../../src/http/create-http-app.js';
import { calendarRoutes } from '../../../src/http/family/calendar-route.js';
import { withdrawConsent } from '../../../src/modules/consent/withdraw-consent.js';
import { resetCalendarFeed } from '../../../src/modules/calendar-feed/reset-calendar-feed.js';
import { startBotHarness, type BotHarness } from '../../bot/support/bot-harness.js';
import { CHAT, seedSchool, type Seeded } from '../../bot/support/seed.js';
import { inlineButtons } from '../../support/fake-telegram.js';

const NOW = new Date('2026-03-02T09:00:00Z');
let h: BotHarness;
let seed: Seeded;
let app: FastifyInstance;

beforeAll(async () => {
  h = await startBotHarness();
  seed = await seedSchool(h.db.prisma, NOW);
  app = await createHttpApp(h.ctx, { plugins: [(scope, ctx) => calendarRoutes(scope, ctx, () => NOW)] });
});

afterAll(async () => {
  await app.close();
  await h.close();
});

const fetchFeed = (url: string) => app.inject({ method: 'GET', url: new URL(url).pathname });

test('a parent turns the calendar on in the bot and subscribes: tests, holidays and lesson changes of their children only', async () => {
  const menu = await h.ask(CHAT.ru, '/menu');
  expect(inlineButtons(menu).map((b) => b.callback_data)).toContain('st:cal');
  const off = await h.press(CHAT.ru, 'st:cal');
  expect(off.text).toContain('Календарь пока не включён.');
  const mark = h.mark(CHAT.ru);
  h.telegram.pressButton(CHAT.ru, 'st:cr');
  const on = await h.next(CHAT.ru, mark);
  const url = /https?:\/\/[^\s"<>]+\/calendar\/[^\s"<>]+\.ics/.exec(on.text)![0];

  const feed = await fetchFeed(url);
  expect(feed.statusCode).toBe(200);
  expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
  // Calendar apps unfold long lines (RFC 5545 §3.1) before reading them.
  const ics = feed.body.replace(/\r\n /g, '');
  expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
  expect(ics).toContain('SUMMARY:Контрольная: Алгебра (Петров Илья\\, Петрова Маша)');
  expect(ics).toContain('SUMMARY:Каникулы: Осенние каникулы');
  expect(ics).not.toContain('Только для 6Б');
  expect(ics).toContain('DESCRIPTION:Спортзал закрыт');
  expect(ics).toMatch(/DTSTART;VALUE=DATE:\d{8}\r\nDTEND;VALUE=DATE:\d{8}/);
  for (const line of feed.body.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);

  // A new link: the old one stops working.
  const [fresh] = await resetCalendarFeed(h.db.prisma, h.ctx.secret, h.ctx.config.publicUrl, [seed.guardians.ru]);
  expect(fresh).not.toBe(url);
  expect((await fetchFeed(url)).statusCode).toBe(404);
  expect((await fetchFeed(fresh!)).statusCode).toBe(200);

  // Another family's guardian id with this family's hash: refused.
  const forged = fresh!.replace(/\/calendar\/[0-9a-f]{32}/, `/calendar/${seed.guardians.en.replace(/-/g, '')}`);
  expect((await fetchFeed(forged)).statusCode).toBe(404);

  await withdrawConsent(h.db.prisma, { schoolId: seed.schoolId, guardianId: seed.guardians.ru, actor: { type: 'guardian', id: seed.guardians.ru }, now: NOW });
  expect((await fetchFeed(fresh!)).statusCode).toBe(404);
});
