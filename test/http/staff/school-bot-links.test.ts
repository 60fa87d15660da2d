// A school with its own Telegram and MAX bots prints forms, and its settings page names,
// those bots; a school without its own prints the default bots. The default bot would refuse
// the first school's codes, so a form naming it would be a dead end.
import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createHttpApp } from '../../../src/http/create-http-app.js';
import { staffRoutes } from '../../../src/http/staff/staff-routes.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { createFakeMax, type FakeMax } from '../../support/fake-max/server.js';
import { createFakeTelegram, type FakeTelegram } from '../../support/fake-telegram.js';
import { createSchoolFixture, createStaff, testContext, type SchoolFixture } from '../../support/staff-fixture.js';
import { StaffClient } from './staff-client.js';

const NOW = new Date('2026-10-15T12:00:00Z');
let db: TestDatabase;
let app: FastifyInstance;
let telegram: FakeTelegram;
let max: FakeMax;
const schools: Record<'own' | 'shared', { fixture: SchoolFixture; admin: StaffClient }> = {} as never;

beforeAll(async () => {
  db = await createTestDatabase();
  telegram = await createFakeTelegram({ botUsername: 'vestnik_default_bot' });
  max = await createFakeMax({ token: 'max-token-0123456789abcdef', botUsername: 'vestnik_default_max' });
  const ctx = testContext(db, { TELEGRAM_BOT_TOKEN: '123456:TEST-TOKEN-abcdef', TELEGRAM_API_ROOT: telegram.apiRoot, MAX_BOT_TOKEN: max.token, MAX_API_ROOT: max.apiRoot });
  app = await createHttpApp(ctx, { plugins: [staffRoutes] });
  for (const [key, name] of [['own', 'Лицей №2'], ['shared', 'Школа №1']] as const) {
    const fixture = await createSchoolFixture(db.prisma, name, NOW);
    await db.prisma.school.update({ where: { id: fixture.schoolId }, data: { chatChannels: ['telegram', 'max'] } });
    await createStaff(ctx, { schoolId: fixture.schoolId, role: 'admin', email: `admin@${key}.test` });
    const admin = new StaffClient(app);
    await admin.login(`admin@${key}.test`);
    schools[key] = { fixture, admin };
  }
  const own = schools.own.fixture.schoolId;
  await db.prisma.bot.create({ data: { schoolId: own, type: 'telegram', externalId: '777001', username: 'licey2_tg_bot', tokenHint: 'abcd' } });
  await db.prisma.bot.create({ data: { schoolId: own, type: 'max', externalId: '777002', username: 'licey2_max_bot', tokenHint: 'efgh' } });
});

afterAll(async () => {
  await app.close();
  await db.drop();
  await telegram.close();
  await max.close();
});

async function pdfText(pdf: Buffer): Promise<string> {
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'bot-links-')), 'forms.pdf');
  await writeFile(file, pdf);
  return execFileSync('pdftotext', [file, '-']).toString();
}

async function printForms(key: 'own' | 'shared'): Promise<{ codes: string[]; links: string[]; text: string }> {
  const { fixture, admin } = schools[key];
  const issued = await admin.post('/staff/admin/consent-codes/issue', { classId: fixture.classA.id, perStudent: '1' });
  const codes = [...new Set([...issued.body.matchAll(/name="code" value="([0-9A-Z-]+)"/g)].map((m) => m[1] as string))];
  expect(codes).toHaveLength(3);
  const pdf = await admin.post('/staff/admin/consent-codes/download', { classId: fixture.classA.id, code: codes, format: 'pdf' });
  expect(pdf.statusCode).toBe(200);
  const links = [...pdf.rawPayload.toString('latin1').matchAll(/\/URI \(([^)]*)\)/g)].map((m) => m[1] as string);
  return { codes, links: links.sort(), text: await pdfText(pdf.rawPayload) };
}

const expected = (codes: string[], telegramBot: string, maxBot: string) =>
  codes.flatMap((code) => [`https://t.me/${telegramBot}?start=${code}`, `https://max.ru/${maxBot}?start=${code}`]).sort();

describe('bot links on consent forms and the settings page', () => {
  it('a school with its own bots prints them on every form, not the default bots', async () => {
    const { codes, links, text } = await printForms('own');
    expect(links).toEqual(expected(codes, 'licey2_tg_bot', 'licey2_max_bot'));
    expect(text).toContain('@licey2_tg_bot');
    expect(text).toContain('@licey2_max_bot');
    expect(text).not.toContain('vestnik_default');
  });

  it('a school without its own bots prints the default bots, as the messengers name them', async () => {
    const { codes, links, text } = await printForms('shared');
    expect(links).toEqual(expected(codes, 'vestnik_default_bot', 'vestnik_default_max'));
    expect(text).toContain('@vestnik_default_bot');
    expect(text).not.toContain('licey2');
  });

  it('the settings page names the bot each school’s forms will carry', async () => {
    const own = await schools.own.admin.get('/staff/admin/school');
    expect(own.body).toContain('Telegram: бот @licey2_tg_bot подключён.');
    expect(own.body).toContain('MAX: бот @licey2_max_bot подключён.');
    const shared = await schools.shared.admin.get('/staff/admin/school');
    expect(shared.body).toContain('Telegram: бот @vestnik_default_bot подключён.');
    expect(shared.body).toContain('MAX: бот @vestnik_default_max подключён.');
  });
});
