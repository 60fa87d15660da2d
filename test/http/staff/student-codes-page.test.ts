// The staff codes page issues student codes too: an option in the issue form.
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
  one = await createSchoolFixture(db.prisma, 'Школа №1', new Date('2026-03-02T09:00:00Z'));
  await createStaff(ctx, { schoolId: one.schoolId, role: 'admin', email: 'admin@school.test' });
  app = await createHttpApp(ctx, { plugins: [staffRoutes] });
});

afterAll(async () => {
  await app.close();
  await db.drop();
});

test('an admin issues student codes from the codes page; they are listed without consent forms', async () => {
  const admin = new StaffClient(app);
  await admin.login('admin@school.test');
  const form = await admin.get(`/staff/admin/consent-codes?class=${one.classA.id}`);
  expect(form.body).toContain('<option value="students">Для учеников (работают после согласия родителя)</option>');
  const issued = await admin.post('/staff/admin/consent-codes/issue', { classId: one.classA.id, perStudent: '1', for: 'students' });
  expect(issued.statusCode).toBe(200);
  expect(issued.body).toContain('Код начнёт работать, когда родитель ученика подпишет согласие.');
  expect(issued.body).not.toContain('value="pdf"');
  const codes = [...issued.body.matchAll(/name="code" value="([0-9A-Z-]+)"/g)].map((m) => m[1] as string);
  expect(new Set(codes).size).toBe(3);
  expect(await db.prisma.consentCode.count({ where: { forStudent: true, status: 'active' } })).toBe(3);
  expect(await db.prisma.consentRecord.count()).toBe(0);
});
