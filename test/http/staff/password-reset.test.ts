// "Forgot password" from the login page to a new password, through the real pages.
import type { FastifyInstance } from 'fastify';
import { createHttpApp } from '../../../src/http/create-http-app.js';
import { createStaffRoutes } from '../../../src/http/staff/staff-routes.js';
import type { Mailer, MailMessage } from '../../../src/mail/create-mailer.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { createSchoolFixture, createStaff, PASSWORD, testContext } from '../../support/staff-fixture.js';
import { StaffClient } from './staff-client.js';

let db: TestDatabase;
let app: FastifyInstance;
const sent: MailMessage[] = [];
// Records what would be sent; the mailer itself (SMTP or .eml files) has its own tests.
const mailer: Mailer = { kind: 'files', send: async (message) => (sent.push(message), { messageId: `<${sent.length}@test>` }), close: () => undefined };
const NEW_PASSWORD = 'Зелёный трамвай едет в депо';

beforeAll(async () => {
  db = await createTestDatabase();
  const ctx = testContext(db);
  const f = await createSchoolFixture(db.prisma);
  await createStaff(ctx, { schoolId: f.schoolId, role: 'admin', email: 'head@school.test' });
  app = await createHttpApp(ctx, { plugins: [createStaffRoutes({ mailer })] });
});

afterAll(async () => {
  await app.close();
  await db.drop();
});

const linkIn = (text: string) => /http:\/\/localhost:3000(\/staff\/password\/reset\?token=\S+)/.exec(text)?.[1];

describe('password reset', () => {
  it('answers every address the same way and emails a link only to an account', async () => {
    const client = new StaffClient(app);
    const login = await client.get('/staff/login');
    expect(login.body).toContain('href="/staff/password/forgot"');
    expect(login.body).toContain('Забыли пароль?');
    expect((await client.get('/staff/password/forgot')).statusCode).toBe(200);
    const known = await client.post('/staff/password/forgot', { email: 'Head@School.test' });
    const unknown = await client.post('/staff/password/forgot', { email: 'nobody@school.test' });
    expect(known.statusCode).toBe(200);
    expect(unknown.statusCode).toBe(200);
    expect(unknown.body).toBe(known.body);
    expect(known.body).toContain('Если этот адрес принадлежит учётной записи');
    expect(sent.map((m) => m.to)).toEqual(['head@school.test']);
    expect(sent[0]?.subject).toContain('восстановление пароля');
    expect(linkIn(sent[0]?.text ?? '')).toBeDefined();
  });

  it('sets a strong new password once, ends the old sessions, and the link then stops working', async () => {
    const before = new StaffClient(app);
    expect((await before.login('head@school.test')).statusCode).toBe(303);
    expect((await before.get('/staff/admin/audit')).statusCode).toBe(200);

    const client = new StaffClient(app);
    await client.get('/staff/password/forgot');
    await client.post('/staff/password/forgot', { email: 'head@school.test' });
    const link = linkIn(sent.at(-1)?.text ?? '') as string;
    const form = await client.get(link);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('head@school.test');

    const weak = await client.post(link, { password: 'aaaaaaaaaa', repeat: 'aaaaaaaaaa' });
    expect(weak.statusCode).toBe(422);
    expect(weak.body).toContain('Пароль из повторяющихся символов');
    const done = await client.post(link, { password: NEW_PASSWORD, repeat: NEW_PASSWORD });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/staff/login?reset=1');
    expect((await client.get('/staff/login?reset=1')).body).toContain('Пароль изменён');

    // Whoever was signed in with the old password is signed out.
    expect((await before.get('/staff/admin/audit')).statusCode).toBe(303);
    const again = await client.get(link);
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain('Ссылка недействительна');
    expect((await client.post(link, { password: 'plum-Orbit-42-velvet', repeat: 'plum-Orbit-42-velvet' })).statusCode).toBe(410);

    expect((await new StaffClient(app).login('head@school.test', PASSWORD)).statusCode).toBe(401);
    expect((await new StaffClient(app).login('head@school.test', NEW_PASSWORD)).statusCode).toBe(303);
  });

  it('refuses a forged link', async () => {
    const client = new StaffClient(app);
    expect((await client.get('/staff/password/reset?token=eyJ1IjoieCJ9.00')).statusCode).toBe(410);
  });
});
