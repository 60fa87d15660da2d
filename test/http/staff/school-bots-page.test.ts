// The admin's "School bots" page: register, refuse in words, replace with confirmation,
// remove; the token is checked with a fake messenger over HTTP and never shown back.
import type { FastifyInstance } from 'fastify';
import { createHttpApp } from '../../../src/http/create-http-app.js';
import { staffRoutes } from '../../../src/http/staff/staff-routes.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { createSchoolFixture, createStaff, testContext, type SchoolFixture } from '../../support/staff-fixture.js';
import { createBotFakes, type BotFakes } from '../../modules/bots/bot-fakes.js';
import { StaffClient } from './staff-client.js';

let db: TestDatabase;
let app: FastifyInstance;
let fakes: BotFakes;
let one: SchoolFixture;
let admin: StaffClient;

const text = (body: string) => body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

beforeAll(async () => {
  db = await createTestDatabase();
  fakes = await createBotFakes();
  const ctx = testContext(db, { TELEGRAM_API_ROOT: fakes.telegramRoot, MAX_API_ROOT: fakes.maxRoot });
  one = await createSchoolFixture(db.prisma, 'Школа №1', new Date());
  await createStaff(ctx, { schoolId: one.schoolId, role: 'admin', email: 'admin@school.test' });
  await createStaff(ctx, { schoolId: one.schoolId, role: 'teacher', email: 'teacher@school.test', classExternalId: '5a' });
  app = await createHttpApp(ctx, { plugins: [staffRoutes] });
  admin = new StaffClient(app);
  await admin.login('admin@school.test');
});

afterAll(async () => {
  await app.close();
  await fakes.close();
  await db.drop();
});

test('the settings page links to the bots page; a teacher may not open it', async () => {
  expect((await admin.get('/staff/admin/school')).body).toContain('href="/staff/admin/bots"');
  const teacher = new StaffClient(app);
  await teacher.login('teacher@school.test');
  expect((await teacher.get('/staff/admin/bots')).statusCode).toBe(403);
});

test('register, refuse in words, replace with confirmation, remove', async () => {
  const empty = text((await admin.get('/staff/admin/bots')).body);
  expect(empty).toContain('Боты школы');
  // The fixture's family chats in Telegram through the shared bot.
  expect(empty).toMatch(/Telegram общий бот Вестника — 1/);

  await admin.get('/staff/admin/bots');
  const wrong = await admin.post('/staff/admin/bots', { type: 'telegram', token: '8200999:AAHnobody-has-this-one' });
  expect(wrong.statusCode).toBe(422);
  expect(text(wrong.body)).toContain('Telegram не принял этот токен');
  expect(wrong.body).not.toContain('8200999:AAHnobody-has-this-one');
  expect(await db.prisma.bot.count({ where: { schoolId: one.schoolId } })).toBe(0);

  const first = await fakes.addTelegram(8_200_001, 'school1_bot');
  const confirm = await admin.post('/staff/admin/bots', { type: 'telegram', token: first.token });
  expect(confirm.statusCode).toBe(409);
  expect(text(confirm.body)).toContain('Через нынешнего бота Telegram подключён 1 чат родителей');
  expect(confirm.body).not.toContain(first.token);
  expect(await db.prisma.bot.count({ where: { schoolId: one.schoolId } })).toBe(0);
  const saved = await admin.post('/staff/admin/bots', { type: 'telegram', token: first.token, replace: 'on' });
  expect(saved.statusCode).toBe(303);
  const listed = await admin.get(saved.headers.location as string);
  expect(text(listed.body)).toContain('Бот зарегистрирован.');
  expect(text(listed.body)).toContain(`@school1_bot (свой бот школы) ••••${first.token.slice(-4)} 0`);
  expect(listed.body).not.toContain(first.token);

  const bot = await db.prisma.bot.findFirstOrThrow({ where: { schoolId: one.schoolId, type: 'telegram' } });
  await db.prisma.channel.updateMany({ where: { guardian: { schoolId: one.schoolId }, type: 'telegram' }, data: { botId: bot.id, active: true } });
  await db.prisma.channel.create({ data: { guardianId: one.guardians.ivanova, type: 'telegram', address: '4242', verified: true, botId: bot.id } }).catch(() => undefined);
  const linked = await db.prisma.channel.count({ where: { botId: bot.id, active: true } });
  expect(linked).toBeGreaterThan(0);

  const second = await fakes.addTelegram(8_200_002, 'school1_new_bot');
  const asked = await admin.post('/staff/admin/bots', { type: 'telegram', token: second.token });
  expect(asked.statusCode).toBe(409);
  expect(text(asked.body)).toContain('Через нынешнего бота Telegram подключ');
  expect(asked.body).not.toContain(second.token);
  const replaced = await admin.post('/staff/admin/bots', { type: 'telegram', token: second.token, replace: 'on' });
  expect(replaced.statusCode).toBe(303);
  expect(text((await admin.get(replaced.headers.location as string)).body)).toContain('@school1_new_bot (свой бот школы)');

  const removed = await admin.post('/staff/admin/bots/remove', { type: 'telegram' });
  expect(removed.statusCode).toBe(303);
  expect(text((await admin.get('/staff/admin/bots')).body)).toContain('Своих ботов у школы нет.');
  const audit = await db.prisma.auditLog.findMany({ where: { schoolId: one.schoolId, action: { startsWith: 'school.bot.' } }, orderBy: { createdAt: 'asc' } });
  expect(audit.map((a) => [a.action, a.actorType])).toEqual([['school.bot.register', 'admin'], ['school.bot.replace', 'admin'], ['school.bot.remove', 'admin']]);
  expect(text((await admin.get('/staff/admin/audit')).body)).toContain('зарегистрирован свой бот школы — Telegram: @school1_bot');
});
