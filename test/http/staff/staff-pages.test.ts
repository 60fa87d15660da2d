import type { FastifyInstance } from 'fastify';
import { createHttpApp } from '../../../src/http/create-http-app.js';
import { staffRoutes } from '../../../src/http/staff/staff-routes.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { createSchoolFixture, createStaff, testContext, type SchoolFixture } from '../../support/staff-fixture.js';
import { StaffClient } from './staff-client.js';

let db: TestDatabase;
let app: FastifyInstance;
let one: SchoolFixture;

beforeAll(async () => {
  db = await createTestDatabase();
  const ctx = testContext(db);
  one = await createSchoolFixture(db.prisma, 'Школа №1', new Date());
  await createStaff(ctx, { schoolId: one.schoolId, role: 'admin', email: 'admin@school.test' });
  await createStaff(ctx, { schoolId: one.schoolId, role: 'teacher', email: 'teacher@school.test', classExternalId: '5a' });
  app = await createHttpApp(ctx, { plugins: [staffRoutes] });
});

afterAll(async () => {
  await app.close();
  await db.drop();
});

describe('admin pages', () => {
  let admin: StaffClient;
  beforeAll(async () => {
    admin = new StaffClient(app);
    await admin.login('admin@school.test');
  });

  it('issues codes, offers them as CSV, records a consent and revokes a code', async () => {
    const issued = await admin.post('/staff/admin/consent-codes/issue', { classId: one.classA.id, perStudent: '1' });
    expect(issued.statusCode).toBe(200);
    const codes = [...issued.body.matchAll(/name="code" value="([0-9A-Z-]+)"/g)].map((m) => m[1] as string);
    expect(new Set(codes).size).toBe(3);
    const csv = await admin.post('/staff/admin/consent-codes/download', { classId: one.classA.id, code: codes, format: 'csv' });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.body).toContain(codes[0]);
    // No MAX bot is configured here: the forms would have no link, so the page says so and keeps the codes.
    const pdf = await admin.post('/staff/admin/consent-codes/download', { classId: one.classA.id, code: codes.slice(0, 1), format: 'pdf' });
    expect(pdf.statusCode).toBe(409);
    expect(pdf.body).toContain('Бланки с QR-кодами не напечатать: бот MAX не настроен (нужен MAX_BOT_TOKEN) или не отвечает.');
    expect(pdf.body).toContain(`<code>${codes[0]}</code>`);

    await admin.get(`/staff/admin/consent-codes?class=${one.classA.id}`);
    const recorded = await admin.post('/staff/admin/consent-codes/record', { classId: one.classA.id, code: codes[0] as string, decision: 'signed', guardianName: 'Новикова Ирина', email: 'novikova@example.org', channel: 'email' });
    expect(recorded.statusCode).toBe(303);
    const record = await db.prisma.consentRecord.findFirstOrThrow({ where: { contactName: 'Новикова Ирина' } });
    expect(record.decision).toBe('signed');
    expect(record.recordedBy).toBe((await db.prisma.staffUser.findUniqueOrThrow({ where: { email: 'admin@school.test' } })).id);

    const revoked = await admin.post('/staff/admin/consent-codes/revoke', { classId: one.classA.id, code: codes[1] as string });
    expect(revoked.statusCode).toBe(303);
    const list = await admin.get(revoked.headers.location as string);
    expect(list.body).toContain('Код отозван');
    expect(list.body).toMatch(/status revoked/);
  });

  it('revokes a listed code with its row button, and refuses a code id of another school', async () => {
    const issued = await admin.post('/staff/admin/consent-codes/issue', { classId: one.classA.id, perStudent: '1' });
    expect(issued.statusCode).toBe(200);
    const page = await admin.get(`/staff/admin/consent-codes?class=${one.classA.id}`);
    const rowIds = [...page.body.matchAll(/name="codeId" value="([0-9a-f-]{36})"/g)].map((m) => m[1] as string);
    expect(rowIds.length).toBeGreaterThan(0);
    const revoked = await admin.post('/staff/admin/consent-codes/revoke', { classId: one.classA.id, codeId: rowIds[0] as string });
    expect(revoked.statusCode).toBe(303);
    expect((await db.prisma.consentCode.findUniqueOrThrow({ where: { id: rowIds[0] as string } })).status).toBe('revoked');

    const other = await createSchoolFixture(db.prisma, 'Школа №2', new Date());
    const foreign = await db.prisma.consentCode.create({
      data: { schoolId: other.schoolId, studentId: other.students.ivanov, codeHash: 'foreign-code-hash', expiresAt: new Date(Date.now() + 86_400_000) },
    });
    await admin.get(`/staff/admin/consent-codes?class=${one.classA.id}`);
    const refused = await admin.post('/staff/admin/consent-codes/revoke', { classId: one.classA.id, codeId: foreign.id });
    expect(refused.statusCode).toBe(404);
    expect((await db.prisma.consentCode.findUniqueOrThrow({ where: { id: foreign.id } })).status).toBe('issued');
  });

  it('answers a mistyped code with a message on the page, keeping the form', async () => {
    await admin.get('/staff/admin/consent-codes');
    const response = await admin.post('/staff/admin/consent-codes/record', { classId: one.classA.id, code: 'AAAA-BBBB-CCCC-DD', decision: 'signed', guardianName: 'Орлов <b>Иван</b>' });
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain('Такого кода в вашей школе нет');
    expect(response.body).toContain('Орлов &lt;b&gt;Иван&lt;/b&gt;');
  });

  it('shows the summary sheet with deferred and missing marks and exports XLSX and CSV', async () => {
    const page = await admin.get(`/staff/admin/summary?class=${one.classA.id}&period=${one.periodId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('болезнь');
    expect(page.body).toContain('Русский язык');
    const xlsx = await admin.get(`/staff/admin/summary?class=${one.classA.id}&period=${one.periodId}&format=xlsx`);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const csv = await admin.get(`/staff/admin/summary?class=${one.classA.id}&period=${one.periodId}&format=csv`);
    expect(csv.body).toContain('Сидоров Олег');
  });

  it('shows delivery, lessons and the audit log in English on request', async () => {
    const delivery = await admin.get('/staff/admin/delivery?lang=en');
    expect(delivery.statusCode).toBe(200);
    expect(delivery.body).toContain('Inactive channels');
    expect(delivery.body).toContain('emails bounce');
    const lessons = await admin.get(`/staff/admin/lessons?period=${one.periodId}`);
    expect(lessons.body).toContain('Lessons held against the plan');
    const audit = await admin.get('/staff/admin/audit?action=consent.record');
    expect(audit.body).toContain('consent.record');
    expect(audit.body).not.toContain('consent.code.issue</code>');
  });
});

describe('teacher pages', () => {
  it('shows the acknowledgment report with highlights and exports CSV and PDF', async () => {
    const teacher = new StaffClient(app);
    await teacher.login('teacher@school.test');
    const page = await teacher.get(`/staff/classes/${one.classA.id}/acks`, { 'accept-language': 'ru' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Петров Сергей');
    expect(page.body).toContain('нет подключённого родителя (законного представителя)');
    expect(page.body).toMatch(/class="bad num">1</);
    const csv = await teacher.get(`/staff/classes/${one.classA.id}/acks?format=csv`);
    expect(csv.headers['content-disposition']).toMatch(/attachment/);
    expect(csv.body).toContain('Иванова Елена');
    const pdf = await teacher.get(`/staff/classes/${one.classA.id}/acks?format=pdf`);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const paper = await teacher.get(`/staff/classes/${one.classA.id}/paper`);
    expect(paper.statusCode).toBe(200);
  });

  it('marks a paper batch handed out once', async () => {
    const batch = await db.prisma.paperBatch.create({ data: { schoolId: one.schoolId, classId: one.classA.id, coversFrom: new Date(Date.now() - 14 * 86400_000), coversTo: new Date(), guardianIds: [one.guardians.petrov] } });
    const teacher = new StaffClient(app);
    await teacher.login('teacher@school.test');
    await teacher.get(`/staff/classes/${one.classA.id}/paper`);
    const done = await teacher.post(`/staff/classes/${one.classA.id}/paper/${batch.id}/handed-out`, {});
    expect(done.statusCode).toBe(303);
    expect((await db.prisma.paperBatch.findUniqueOrThrow({ where: { schoolId_id: { schoolId: one.schoolId, id: batch.id } } })).handedOutAt).not.toBeNull();
    expect((await teacher.post(`/staff/classes/${one.classA.id}/paper/${batch.id}/handed-out`, {})).statusCode).toBe(409);
    // The class id in the URL must match the batch: another class of the school is refused.
    expect((await teacher.post(`/staff/classes/${one.classB.id}/paper/${batch.id}/handed-out`, {})).statusCode).toBe(404);
  });

  it('makes a batch now and downloads its statements as PDF', async () => {
    // Petrov refused electronic delivery on the signed form: his family is served on paper.
    await db.prisma.consentRecord.create({ data: { schoolId: one.schoolId, guardianId: one.guardians.petrov, studentId: one.students.petrova, decision: 'refused' } });
    const teacher = new StaffClient(app);
    await teacher.login('teacher@school.test');
    await teacher.get(`/staff/classes/${one.classA.id}/paper`);
    const made = await teacher.post(`/staff/classes/${one.classA.id}/paper`, {});
    expect(made.statusCode).toBe(303);
    const batch = await db.prisma.paperBatch.findFirstOrThrow({ where: { classId: one.classA.id }, orderBy: { createdAt: 'desc' } });
    expect(batch.guardianIds).toContain(one.guardians.petrov);
    const pdf = await teacher.get(`/staff/classes/${one.classA.id}/paper/${batch.id}.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await teacher.get(`/staff/classes/${one.classB.id}/paper/${batch.id}.pdf`)).statusCode).toBe(404);
  });
});
