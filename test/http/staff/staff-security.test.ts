import type { FastifyInstance } from 'fastify';
import { createHttpApp } from '../../../src/http/create-http-app.js';
import { staffRoutes } from '../../../src/http/staff/staff-routes.js';
import { addStaffUser } from '../../../src/modules/staff/add-staff-user.js';
import { expireSessions } from '../../../src/modules/staff/sessions.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { createSchoolFixture, createStaff, SECRET, testContext, type SchoolFixture } from '../../support/staff-fixture.js';
import { StaffClient } from './staff-client.js';

let db: TestDatabase;
let app: FastifyInstance;
let one: SchoolFixture;
let two: SchoolFixture;

beforeAll(async () => {
  db = await createTestDatabase();
  // Requests come from loopback, as through a local reverse proxy that sets X-Forwarded-For.
  const ctx = testContext(db, { TRUST_PROXY: 'loopback' });
  one = await createSchoolFixture(db.prisma, 'Школа №1');
  two = await createSchoolFixture(db.prisma, 'Школа №2');
  await createStaff(ctx, { schoolId: one.schoolId, role: 'admin', email: 'admin1@school.test' });
  await createStaff(ctx, { schoolId: one.schoolId, role: 'teacher', email: 'teacher5a@school.test', classExternalId: '5a' });
  await createStaff(ctx, { schoolId: two.schoolId, role: 'admin', email: 'admin2@school.test' });
  app = await createHttpApp(ctx, { plugins: [staffRoutes] });
});

afterAll(async () => {
  await app.close();
  await db.drop();
});

describe('access to pages', () => {
  it('sends anonymous visitors to the login page and refuses anonymous exports', async () => {
    const client = new StaffClient(app);
    const page = await client.get(`/staff/classes/${one.classA.id}/acks`);
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toMatch(/^\/staff\/login\?next=/);
    const csv = await client.get(`/staff/classes/${one.classA.id}/acks?format=csv`);
    expect(csv.statusCode).toBe(303);
    expect(csv.body).not.toContain('Иванов');
  });

  it('sends a browser opening the service address to the staff pages, and so to the login', async () => {
    const client = new StaffClient(app);
    const root = await client.get('/');
    expect(root.statusCode).toBe(302);
    expect(root.headers.location).toBe('/staff');
    const staff = await client.get('/staff');
    expect(staff.statusCode).toBe(303);
    expect(staff.headers.location).toMatch(/^\/staff\/login/);
  });

  it('shows a teacher their own class', async () => {
    const client = new StaffClient(app);
    await client.login('teacher5a@school.test');
    const page = await client.get(`/staff/classes/${one.classA.id}/acks`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Иванов Пётр');
  });

  it('never shows a teacher another class of the school, in pages or exports', async () => {
    const client = new StaffClient(app);
    await client.login('teacher5a@school.test');
    for (const url of [`/staff/classes/${one.classB.id}/acks`, `/staff/classes/${one.classB.id}/acks?format=csv`, `/staff/classes/${one.classB.id}/acks?format=pdf`, `/staff/classes/${one.classB.id}/paper`]) {
      const response = await client.get(url);
      expect(response.statusCode).toBe(404);
      expect(response.body).not.toContain('Кузнецова');
    }
  });

  it('never shows an admin a class of another school', async () => {
    const client = new StaffClient(app);
    await client.login('admin1@school.test');
    expect((await client.get(`/staff/classes/${one.classB.id}/acks`)).statusCode).toBe(200);
    for (const url of [`/staff/classes/${two.classA.id}/acks`, `/staff/classes/${two.classA.id}/acks?format=csv`, `/staff/admin/consent-codes?class=${two.classA.id}`, `/staff/admin/summary?class=${two.classA.id}&period=${two.periodId}`]) {
      const response = await client.get(url);
      expect(response.statusCode).toBe(404);
      expect(response.body).not.toContain('Школа №2');
    }
    const issue = await client.post('/staff/admin/consent-codes/issue', { classId: two.classA.id });
    expect(issue.statusCode).toBe(404);
    expect(await db.prisma.consentCode.count({ where: { schoolId: two.schoolId } })).toBe(0);
  });

  it('keeps teachers out of admin pages', async () => {
    const client = new StaffClient(app);
    await client.login('teacher5a@school.test');
    for (const url of ['/staff/admin/consent-codes', '/staff/admin/delivery', '/staff/admin/summary', '/staff/admin/lessons', '/staff/admin/audit', '/staff/admin/acks']) {
      expect((await client.get(url)).statusCode).toBe(403);
    }
    const issue = await client.post('/staff/admin/consent-codes/issue', { classId: one.classA.id });
    expect(issue.statusCode).toBe(403);
    expect(await db.prisma.consentCode.count()).toBe(0);
  });

  it('treats malformed ids as not found', async () => {
    const client = new StaffClient(app);
    await client.login('admin1@school.test');
    expect((await client.get("/staff/classes/'%20OR%201=1--/acks")).statusCode).toBe(404);
  });
});

describe('CSRF', () => {
  it('refuses a form without a token and with a wrong token', async () => {
    const client = new StaffClient(app);
    await client.login('admin1@school.test');
    const missing = await client.post('/staff/admin/consent-codes/issue', { classId: one.classA.id, _csrf: '' });
    expect(missing.statusCode).toBe(403);
    const wrong = await client.post('/staff/admin/consent-codes/issue', { classId: one.classA.id, _csrf: 'x'.repeat(32) });
    expect(wrong.statusCode).toBe(403);
    expect(await db.prisma.consentCode.count({ where: { schoolId: one.schoolId } })).toBe(0);
    const right = await client.post('/staff/admin/consent-codes/issue', { classId: one.classA.id });
    expect(right.statusCode).toBe(200);
    expect(await db.prisma.consentCode.count({ where: { schoolId: one.schoolId } })).toBe(3);
  });

  it('refuses the token of another session', async () => {
    const mallory = new StaffClient(app);
    await mallory.login('admin2@school.test');
    const victim = new StaffClient(app);
    await victim.login('admin1@school.test');
    const forged = await victim.post('/staff/logout', { _csrf: mallory.csrf });
    expect(forged.statusCode).toBe(403);
    expect((await victim.get('/staff/admin/audit')).statusCode).toBe(200);
  });

  it('protects the login form too', async () => {
    const client = new StaffClient(app);
    await client.get('/staff/login');
    const response = await client.post('/staff/login', { email: 'admin1@school.test', password: 'x', _csrf: 'forged' });
    expect(response.statusCode).toBe(403);
  });
});

describe('login', () => {
  it('sets an HttpOnly SameSite=Lax session cookie without Secure on http', async () => {
    const client = new StaffClient(app);
    const response = await client.login('admin1@school.test');
    expect(response.statusCode).toBe(303);
    const cookie = [response.headers['set-cookie']].flat().find((c) => c?.startsWith('vestnik_staff='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
  });

  it('limits failed logins per email and address, even with the right password afterwards', async () => {
    const client = new StaffClient(app);
    const ip = { 'x-forwarded-for': '203.0.113.9' };
    await client.get('/staff/login');
    for (let i = 0; i < 5; i += 1) {
      expect((await client.post('/staff/login', { email: 'teacher5a@school.test', password: `wrong-${i}` }, ip)).statusCode).toBe(401);
    }
    const blocked = await client.post('/staff/login', { email: 'teacher5a@school.test', password: 'correct horse battery' }, ip);
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(blocked.body).toContain('Попробуйте снова через 1 мин.');
    expect(blocked.headers['set-cookie']?.toString() ?? '').not.toContain('vestnik_staff=');
    // Another address is not blocked by someone else's guessing.
    const other = new StaffClient(app);
    expect((await other.login('teacher5a@school.test', undefined, { 'x-forwarded-for': '198.51.100.7' })).statusCode).toBe(303);
  });

  it('cannot be turned into a lockout: guesses from many addresses leave the real user able to sign in', async () => {
    const attacker = new StaffClient(app);
    await attacker.get('/staff/login');
    for (let i = 0; i < 31; i += 1) {
      const guess = await attacker.post('/staff/login', { email: 'admin1@school.test', password: `guess-${i}` }, { 'x-forwarded-for': `198.18.0.${i + 1}` });
      expect(guess.statusCode).toBe(401);
    }
    const owner = new StaffClient(app);
    expect((await owner.login('admin1@school.test', undefined, { 'x-forwarded-for': '192.0.2.200' })).statusCode).toBe(303);
  });

  it('refuses a weak password on the invitation page with the reason, and keeps the link usable', async () => {
    const added = await addStaffUser(db.prisma, SECRET, 'http://localhost:3000', { schoolId: one.schoolId, role: 'admin', email: 'new-admin@school.test' });
    const path = new URL(added.inviteUrl).pathname;
    const client = new StaffClient(app);
    expect((await client.get(path)).statusCode).toBe(200);
    const weak = await client.post(path, { password: ' '.repeat(10), repeat: ' '.repeat(10) });
    expect(weak.statusCode).toBe(422);
    expect(weak.body).toContain('Пароль из повторяющихся символов');
    expect((await db.prisma.staffUser.findUniqueOrThrow({ where: { id: added.id } })).passwordHash).toBeNull();
    const strong = await client.post(path, { password: 'plum-Orbit-42-velvet', repeat: 'plum-Orbit-42-velvet' });
    expect(strong.statusCode).toBe(200);
    expect((await client.login('new-admin@school.test', 'plum-Orbit-42-velvet')).statusCode).toBe(303);
  });

  it('logs out: the old cookie no longer opens pages', async () => {
    const client = new StaffClient(app);
    await client.login('admin1@school.test');
    const token = client.cookies.get('vestnik_staff') as string;
    expect((await client.post('/staff/logout', {})).statusCode).toBe(303);
    const replay = await app.inject({ method: 'GET', url: '/staff/admin/audit', headers: { cookie: `vestnik_staff=${token}` } });
    expect(replay.statusCode).toBe(303);
  });

  it('expires sessions', async () => {
    const client = new StaffClient(app);
    await client.login('admin1@school.test');
    expect((await client.get('/staff/admin/audit')).statusCode).toBe(200);
    const user = await db.prisma.staffUser.findUniqueOrThrow({ where: { email: 'admin1@school.test' } });
    await db.prisma.staffSession.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const after = await client.get('/staff/admin/audit');
    expect(after.statusCode).toBe(303);
    expect(after.headers.location).toMatch(/^\/staff\/login/);
    expect([after.headers['set-cookie']].flat().join('\n')).toMatch(/vestnik_staff=;.*Max-Age=0/);
    // The cleanup removes every expired session row.
    await expireSessions(db.prisma);
    expect(await db.prisma.staffSession.count({ where: { userId: user.id } })).toBe(0);
  });

  it('does not redirect to other sites after login', async () => {
    const client = new StaffClient(app);
    await client.get('/staff/login');
    const response = await client.post('/staff/login', { email: 'admin1@school.test', password: 'correct horse battery', next: '//evil.example/staff' });
    expect(response.headers.location).toBe('/staff');
  });
});
