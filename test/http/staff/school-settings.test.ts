import type { FastifyInstance } from 'fastify';
import { createHttpApp } from '../../../src/http/create-http-app.js';
import { staffRoutes } from '../../../src/http/staff/staff-routes.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { createFakeMax, type FakeMax } from '../../support/fake-max/server.js';
import { createSchoolFixture, createStaff, testContext, type SchoolFixture } from '../../support/staff-fixture.js';
import { StaffClient } from './staff-client.js';

let db: TestDatabase;
let app: FastifyInstance;
let max: FakeMax;
let school: SchoolFixture;
let admin: StaffClient;

beforeAll(async () => {
  db = await createTestDatabase();
  max = await createFakeMax({ token: 'max-token-0123456789abcdef', botUsername: 'school_one_bot' });
  const ctx = testContext(db, { MAX_BOT_TOKEN: max.token, MAX_API_ROOT: max.apiRoot });
  school = await createSchoolFixture(db.prisma, 'Школа №1', new Date());
  await createStaff(ctx, { schoolId: school.schoolId, role: 'admin', email: 'admin@school.test' });
  await createStaff(ctx, { schoolId: school.schoolId, role: 'teacher', email: 'teacher@school.test', classExternalId: '5a' });
  app = await createHttpApp(ctx, { plugins: [staffRoutes] });
  admin = new StaffClient(app);
  await admin.login('admin@school.test');
});

afterAll(async () => {
  await app.close();
  await db.drop();
  await max.close();
});

const settings = () => db.prisma.school.findUniqueOrThrow({ where: { id: school.schoolId }, select: { chatChannels: true, maxDigests: true } });

describe('school settings page', () => {
  it('shows the offered messengers, whether each bot is connected, and the MAX digests with what turning them off means', async () => {
    const page = await admin.get('/staff/admin/school');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Настройки школы</h1>');
    expect(page.body).toMatch(/<select name="first"><option value="max" selected>MAX<\/option><option value="telegram">Telegram<\/option><\/select>/);
    expect(page.body).toMatch(/<select name="second"><option value="" selected>нет<\/option>/);
    expect(page.body).toContain('MAX: бот @school_one_bot подключён.');
    expect(page.body).toContain('Telegram: бот не настроен (нужен TELEGRAM_BOT_TOKEN)');
    expect(page.body).toMatch(/name="maxDigests" value="on" checked/);
    expect(page.body).toContain('Если выключить, сводки в MAX не приходят: родители получают их по электронной почте или читают на веб-странице.');
    expect(page.body).toContain('href="/staff/admin/school" aria-current="page"');
    expect(max.callsOf('GET /me')).toHaveLength(1);
  });

  it('saves the messengers in the chosen order and turns MAX digests off; the audit log keeps both states', async () => {
    const saved = await admin.post('/staff/admin/school', { first: 'telegram', second: 'max' });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/staff/admin/school?done=saved');
    expect(await settings()).toEqual({ chatChannels: ['telegram', 'max'], maxDigests: false });
    const page = await admin.get(saved.headers.location as string);
    expect(page.body).toContain('Настройки сохранены.');
    expect(page.body).toMatch(/<select name="first"><option value="max">MAX<\/option><option value="telegram" selected>/);
    expect(page.body).not.toMatch(/name="maxDigests" value="on" checked/);

    expect((await admin.post('/staff/admin/school', { first: 'max', second: '', maxDigests: 'on' })).statusCode).toBe(303);
    expect(await settings()).toEqual({ chatChannels: ['max'], maxDigests: true });
    const audit = await db.prisma.auditLog.findMany({ where: { schoolId: school.schoolId, action: 'school.settings' }, orderBy: { id: 'asc' } });
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ actorType: 'admin', details: { before: { chatChannels: ['max'], maxDigests: true }, after: { chatChannels: ['telegram', 'max'], maxDigests: false } } });
  });

  it('refuses the same messenger twice, or none, with a message on the page, and changes nothing', async () => {
    const twice = await admin.post('/staff/admin/school', { first: 'max', second: 'max', maxDigests: 'on' });
    expect(twice.statusCode).toBe(422);
    expect(twice.body).toContain('MAX выбран дважды: второй мессенджер должен отличаться от первого.');
    const none = await admin.post('/staff/admin/school', { first: '', second: '' });
    expect(none.statusCode).toBe(422);
    expect(none.body).toContain('Выберите хотя бы один мессенджер.');
    const unknown = await admin.post('/staff/admin/school', { first: 'icq' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain('«icq» — не мессенджер, который поддерживает Вестник.');
    expect(await settings()).toEqual({ chatChannels: ['max'], maxDigests: true });
  });

  it('prints the consent forms with the MAX link; a second messenger without its bot is named instead of printed', async () => {
    const issued = await admin.post('/staff/admin/consent-codes/issue', { classId: school.classA.id, perStudent: '1' });
    const codes = [...new Set([...issued.body.matchAll(/name="code" value="([0-9A-Z-]+)"/g)].map((m) => m[1] as string))];
    expect(codes).toHaveLength(3);
    const pdf = await admin.post('/staff/admin/consent-codes/download', { classId: school.classA.id, code: codes, format: 'pdf' });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const links = [...pdf.rawPayload.toString('latin1').matchAll(/\/URI \(([^)]*)\)/g)].map((m) => m[1]);
    expect(links.sort()).toEqual(codes.map((code) => `https://max.ru/school_one_bot?start=${code}`).sort());

    await db.prisma.school.update({ where: { id: school.schoolId }, data: { chatChannels: ['max', 'telegram'] } });
    try {
      const refused = await admin.post('/staff/admin/consent-codes/download', { classId: school.classA.id, code: codes, format: 'pdf' });
      expect(refused.statusCode).toBe(409);
      expect(refused.body).toContain('бот Telegram не настроен (нужен TELEGRAM_BOT_TOKEN)');
      expect(refused.body).not.toContain('бот MAX не настроен');
      expect(refused.body).toContain('Скачать список (CSV)');
    } finally {
      await db.prisma.school.update({ where: { id: school.schoolId }, data: { chatChannels: ['max'] } });
    }
    const record = await admin.get(`/staff/admin/consent-codes?class=${school.classA.id}`);
    expect(record.body).toMatch(/<select name="channel"><option value="" selected>не указан<\/option><option value="max">MAX<\/option><option value="email">/);
    // The code list shows, per recorded consent, the guardian's channels and whether they work.
    const recorded = await admin.post('/staff/admin/consent-codes/record', { classId: school.classA.id, code: codes[0] as string, decision: 'signed', guardianName: 'Орлова Вера', email: 'orlova@example.org', channel: 'max' });
    expect(recorded.statusCode).toBe(303);
    const guardian = await db.prisma.consentRecord.findFirstOrThrow({ where: { contactName: 'Орлова Вера' }, select: { guardianId: true } });
    await db.prisma.channel.create({ data: { guardianId: guardian.guardianId as string, type: 'max', address: '7007', verified: true } });
    await db.prisma.guardian.update({ where: { id: guardian.guardianId as string }, data: { preferredChat: 'max' } });
    const list = await admin.get(`/staff/admin/consent-codes?class=${school.classA.id}`);
    expect(list.body).toContain('<td data-label="Каналы" class="">MAX (основной): работает</td>');
    expect(list.body).toContain('<td data-label="Каналы" class="">—</td>');
  });

  it('is for admins only, in English too', async () => {
    const teacher = new StaffClient(app);
    await teacher.login('teacher@school.test');
    expect((await teacher.get('/staff/admin/school')).statusCode).toBe(403);
    const english = await admin.get('/staff/admin/school?lang=en');
    expect(english.body).toContain('When off, no digests are sent over MAX: parents get them by email or read them on the web page.');
  });
});
