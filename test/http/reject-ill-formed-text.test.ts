// People who type (or paste) text the database cannot store get a page naming the field,
// in their language, before anything is looked up or written — signed in or not.
import type { FastifyInstance } from 'fastify';
import { createHttpApp } from '../../src/http/create-http-app.js';
import { staffRoutes } from '../../src/http/staff/staff-routes.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { createSchoolFixture, createStaff, testContext, type SchoolFixture } from '../support/staff-fixture.js';
import { StaffClient } from './staff/staff-client.js';

let db: TestDatabase;
let app: FastifyInstance;
let school: SchoolFixture;

beforeAll(async () => {
  db = await createTestDatabase();
  const ctx = testContext(db);
  school = await createSchoolFixture(db.prisma, 'Школа №1');
  await createStaff(ctx, { schoolId: school.schoolId, role: 'admin', email: 'admin@school.test' });
  app = await createHttpApp(ctx, { plugins: [staffRoutes] });
});

afterAll(async () => {
  await app.close();
  await db.drop();
});

it('the login form with a NUL in the email answers 422 naming the field, in Russian', async () => {
  const client = new StaffClient(app);
  await client.get('/staff/login');
  const response = await client.post('/staff/login', { email: 'admin@school.test\u0000', password: 'x', next: '/staff' });
  expect(response.statusCode).toBe(422);
  expect(response.headers['content-type']).toMatch(/text\/html/);
  expect(response.body).toContain('В поле «email» есть недопустимые символы: нулевой символ (U+0000)');
  expect(response.body).toContain('href="/staff/login"');
});

it('a consent form with a control character in the guardian name is refused and records nothing', async () => {
  const admin = new StaffClient(app);
  await admin.login('admin@school.test');
  const before = await db.prisma.consentRecord.count();
  const response = await admin.post('/staff/admin/consent-codes/record', { code: 'ABCD-1234', decision: 'signed', guardianName: 'Иванова\u0001', email: 'p@example.org' });
  expect(response.statusCode).toBe(422);
  expect(response.body).toContain('«guardianName»');
  expect(response.body).toContain('управляющий символ (U+0001)');
  expect(await db.prisma.consentRecord.count()).toBe(before);
});

it('the audit-log filter in the address bar is checked too, in the language of the page', async () => {
  const response = await new StaffClient(app).get('/staff/admin/audit?actor=%00', { accept: 'text/html', cookie: 'vestnik_lang=en' });
  expect(response.statusCode).toBe(422);
  expect(response.body).toContain('The field &quot;actor&quot; contains characters that are not allowed: a NUL character (U+0000)');
});

it('a NUL in a path segment is answered the same way, naming the parameter', async () => {
  const response = await new StaffClient(app).get('/staff/classes/a%00b/acks', { accept: 'text/html' });
  expect(response.statusCode).toBe(422);
  expect(response.body).toContain('«classId»');
});
