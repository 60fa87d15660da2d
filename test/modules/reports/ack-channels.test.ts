// Which channels each guardian has linked and whether they work, MAX included, in the
// acknowledgment report, its export and the class teacher's page.
import type { FastifyInstance } from 'fastify';
import { createHttpApp } from '../../../src/http/create-http-app.js';
import { staffRoutes } from '../../../src/http/staff/staff-routes.js';
import { translator } from '../../../src/i18n/index.js';
import { ackReportTable } from '../../../src/modules/reports/ack-report-table.js';
import { buildAckReport } from '../../../src/modules/reports/class-ack-report.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { createSchoolFixture, createStaff, testContext, type SchoolFixture } from '../../support/staff-fixture.js';
import { StaffClient } from '../../http/staff/staff-client.js';

const NOW = new Date('2026-10-15T12:00:00Z');
let db: TestDatabase;
let f: SchoolFixture;
let app: FastifyInstance;

beforeAll(async () => {
  db = await createTestDatabase();
  f = await createSchoolFixture(db.prisma, 'Школа №1', NOW);
  // Ivanova chose MAX and muted it; Petrov's MAX link was never completed.
  await db.prisma.channel.create({ data: { guardianId: f.guardians.ivanova, type: 'max', address: '7001', verified: true, muted: true } });
  await db.prisma.guardian.update({ where: { id: f.guardians.ivanova }, data: { preferredChat: 'max' } });
  await db.prisma.channel.create({ data: { guardianId: f.guardians.petrov, type: 'max', address: null, verified: true } });
  const ctx = testContext(db);
  await createStaff(ctx, { schoolId: f.schoolId, role: 'teacher', email: 'teacher@school.test', classExternalId: '5a' });
  app = await createHttpApp(ctx, { plugins: [staffRoutes] });
});

afterAll(async () => {
  await app.close();
  await db.drop();
});

describe('channels per guardian', () => {
  it('says which chat the guardian chose, that a muted MAX chat still works, and that an unlinked one does not', async () => {
    const report = await buildAckReport(db.prisma, { schoolId: f.schoolId, classExternalId: '5a', now: NOW });
    const ivanova = report.rows.find((r) => r.guardianId === f.guardians.ivanova);
    const petrov = report.rows.find((r) => r.guardianId === f.guardians.petrov);
    expect(ivanova?.channels).toEqual([
      { type: 'telegram', works: true, reason: null, preferred: false },
      { type: 'max', works: true, reason: 'muted', preferred: true },
    ]);
    expect(petrov?.channels).toEqual([
      { type: 'max', works: false, reason: 'noAddress', preferred: false },
      { type: 'email', works: false, reason: 'bounced', preferred: false },
    ]);
    const ru = ackReportTable(report, translator('ru'), 'ru').rows.map((r) => r[2]);
    expect(ru[0]).toBe('Telegram: работает, MAX (основной): работает (уведомления выключены в чате)');
    expect(ru[1]).toBe('MAX: не работает (чат не привязан), Эл. почта: не работает (письма не доходят)');
    const en = ackReportTable(report, translator('en'), 'en').rows.map((r) => r[2]);
    expect(en[0]).toBe('Telegram: works, MAX (main): works (notifications muted in the chat)');
  });

  it('shows the same on the class teacher page', async () => {
    const teacher = new StaffClient(app);
    await teacher.login('teacher@school.test');
    const page = await teacher.get(`/staff/classes/${f.classA.id}/acks`, { 'accept-language': 'ru' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('MAX (основной): работает (уведомления выключены в чате)');
    expect(page.body).toContain('MAX: не работает (чат не привязан)');
  });
});
