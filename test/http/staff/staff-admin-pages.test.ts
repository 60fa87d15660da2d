// Сотрудники through real HTTP: list, search and filters, invite, edit, disable with a
// confirmation, enable, resend, password reset by email; scoping and CSRF.
import type { FastifyInstance } from 'fastify';
import { createHttpApp } from '../../../src/http/create-http-app.js';
import { createStaffRoutes } from '../../../src/http/staff/staff-routes.js';
import type { Mailer, MailMessage } from '../../../src/mail/create-mailer.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { createSchoolFixture, createStaff, testContext, type SchoolFixture } from '../../support/staff-fixture.js';
import { StaffClient } from './staff-client.js';

let db: TestDatabase;
let app: FastifyInstance;
let f: SchoolFixture;
let other: SchoolFixture;
const sent: MailMessage[] = [];
const mailer: Mailer = { kind: 'files', send: async (message) => (sent.push(message), { messageId: `<${sent.length}@test>` }), close: () => undefined };
const ids = { head: '', teacher: '', otherAdmin: '' };

beforeAll(async () => {
  db = await createTestDatabase();
  const ctx = testContext(db);
  f = await createSchoolFixture(db.prisma);
  other = await createSchoolFixture(db.prisma, 'Школа №2');
  ids.head = await createStaff(ctx, { schoolId: f.schoolId, role: 'admin', email: 'head@school.test' });
  await db.prisma.staffUser.update({ where: { id: ids.head }, data: { fullName: 'Ольга Петрова' } });
  ids.teacher = await createStaff(ctx, { schoolId: f.schoolId, role: 'teacher', email: 'sidorov@school.test', classExternalId: '5a' });
  await db.prisma.staffUser.update({ where: { id: ids.teacher }, data: { fullName: 'Иван Сидоров', lastLoginAt: new Date('2026-10-14T21:30:00Z') } });
  ids.otherAdmin = await createStaff(ctx, { schoolId: other.schoolId, role: 'admin', email: 'head2@school.test' });
  app = await createHttpApp(ctx, { plugins: [createStaffRoutes({ mailer })] });
});

afterAll(async () => {
  await app.close();
  await db.drop();
});

async function asAdmin(): Promise<StaffClient> {
  const client = new StaffClient(app);
  await client.login('head@school.test');
  return client;
}

it('lists the school\'s staff with role, class, status and last sign-in on the school clock', async () => {
  const client = await asAdmin();
  const page = await client.get('/staff/admin/staff');
  expect(page.statusCode).toBe(200);
  expect(page.body).toContain('<h1>Сотрудники</h1>');
  expect(page.body).toContain('Иван Сидоров');
  expect(page.body).toContain('классный руководитель');
  expect(page.body).toContain('5А');
  expect(page.body).toContain('активен');
  // 21:30 UTC is 00:30 the next day in Moscow.
  expect(page.body).toContain('15.10.2026, 00:30');
  expect(page.body).not.toContain('head2@school.test');

  const searched = await client.get('/staff/admin/staff?q=%D0%A1%D0%98%D0%94%D0%9E%D0%A0');
  expect(searched.body).toContain('sidorov@school.test');
  expect(searched.body).not.toContain('>head@school.test<');
  expect(searched.body).toContain('Найдено: 1');
  const admins = await client.get('/staff/admin/staff?role=admin');
  expect(admins.body).toContain('>head@school.test<');
  expect(admins.body).not.toContain('sidorov@school.test');
  const none = await client.get('/staff/admin/staff?status=disabled');
  expect(none.body).toContain('Сотрудников не найдено.');
  // English on request.
  expect((await client.get('/staff/admin/staff?lang=en')).body).toContain('Last sign-in');
  await client.get('/staff/admin/staff?lang=ru');
});

it('invites a colleague by email, and shows errors next to the field', async () => {
  const client = await asAdmin();
  await client.get('/staff/admin/staff');
  sent.length = 0;
  const bad = await client.post('/staff/admin/staff', { email: 'not an email', name: 'Анна', role: 'teacher', class: f.classB.id });
  expect(bad.statusCode).toBe(422);
  expect(bad.body).toMatch(/aria-invalid="true" aria-describedby="invite-email-error"/);
  expect(bad.body).toContain('Укажите адрес электронной почты');
  expect(bad.body).toContain('value="Анна"');
  const taken = await client.post('/staff/admin/staff', { email: 'second@school.test', name: '', role: 'teacher', class: f.classA.id });
  expect(taken.statusCode).toBe(409);
  expect(taken.body).toContain('У класса 5А уже есть классный руководитель: Иван Сидоров.');
  const noClass = await client.post('/staff/admin/staff', { email: 'second@school.test', name: '', role: 'teacher', class: '' });
  expect(noClass.body).toContain('Выберите класс');
  const foreign = await client.post('/staff/admin/staff', { email: 'second@school.test', name: '', role: 'teacher', class: other.classB.id });
  expect(foreign.body).toContain('Такого класса в школе нет.');
  expect(sent).toHaveLength(0);

  const done = await client.post('/staff/admin/staff', { email: 'Novikova@School.test', name: 'Анна Новикова', role: 'teacher', class: f.classB.id });
  expect(done.statusCode).toBe(303);
  const shown = await client.get(done.headers.location as string);
  expect(shown.body).toContain('Приглашение отправлено на novikova@school.test.');
  expect(shown.body).toContain('приглашён, ждёт пароля');
  expect(sent.map((m) => m.to)).toEqual(['novikova@school.test']);
  expect(sent[0]?.text).toMatch(/http:\/\/localhost:3000\/staff\/invite\/\S+/);
  // The admin never sees the link.
  expect(shown.body).not.toContain('/staff/invite/');
  expect(await db.prisma.auditLog.findFirst({ where: { action: 'staff.add', actorId: ids.head } })).toMatchObject({ actorType: 'admin', details: { fullName: 'Анна Новикова' } });

  const again = await client.post('/staff/admin/staff', { email: 'novikova@school.test', name: '', role: 'admin', class: '' });
  expect(again.body).toContain('Учётная запись с этой почтой уже есть.');
});

it('edits name, role and class, refusing the own role and a taken class', async () => {
  const client = await asAdmin();
  const page = await client.get(`/staff/admin/staff/${ids.teacher}`);
  expect(page.statusCode).toBe(200);
  expect(page.body).toContain('<h1>Иван Сидоров</h1>');
  const taken = await client.post(`/staff/admin/staff/${ids.teacher}`, { name: 'Иван Сидоров', role: 'teacher', class: f.classB.id });
  expect(taken.statusCode).toBe(409);
  expect(taken.body).toContain('aria-describedby="details-class-error"');
  expect(taken.body).toContain('уже есть классный руководитель: Анна Новикова');
  const badRole = await client.post(`/staff/admin/staff/${ids.teacher}`, { name: 'Иван Сидоров', role: 'owner', class: f.classA.id });
  expect(badRole.statusCode).toBe(422);

  const saved = await client.post(`/staff/admin/staff/${ids.teacher}`, { name: 'Иван Петрович Сидоров', role: 'teacher', class: f.classA.id });
  expect(saved.statusCode).toBe(303);
  expect((await client.get(saved.headers.location as string)).body).toContain('Изменения сохранены.');
  expect(await db.prisma.staffUser.findUniqueOrThrow({ where: { id: ids.teacher } })).toMatchObject({ fullName: 'Иван Петрович Сидоров', classId: f.classA.id });
  const unchanged = await client.post(`/staff/admin/staff/${ids.teacher}`, { name: 'Иван Петрович Сидоров', role: 'teacher', class: f.classA.id });
  expect((await client.get(unchanged.headers.location as string)).body).toContain('Ничего не изменилось.');

  // The own page has no role choice and no disable button; a forged role change is refused.
  const own = await client.get(`/staff/admin/staff/${ids.head}`);
  expect(own.body).not.toContain('name="role"');
  expect(own.body).toContain('Свою учётную запись отключить нельзя.');
  expect((await client.get(`/staff/admin/staff/${ids.head}/disable`)).statusCode).toBe(303);
  const selfDisable = await client.post(`/staff/admin/staff/${ids.head}/disable`, { confirm: 'yes' });
  expect(selfDisable.statusCode).toBe(403);
  expect(selfDisable.body).toContain('Свою учётную запись отключить нельзя.');
  const forged = await client.post(`/staff/admin/staff/${ids.head}`, { name: 'Ольга Петрова', role: 'teacher', class: f.classB.id });
  expect(forged.statusCode).toBe(403);
  expect(forged.body).toContain('Свою роль изменить нельзя');
});

it('disables after a confirmation, which signs the teacher out at once; enables again', async () => {
  const teacher = new StaffClient(app);
  await teacher.login('sidorov@school.test');
  expect((await teacher.get(`/staff/classes/${f.classA.id}/acks`)).statusCode).toBe(200);

  const client = await asAdmin();
  const page = await client.get(`/staff/admin/staff/${ids.teacher}`);
  expect(page.body).toContain(`href="/staff/admin/staff/${ids.teacher}/disable"`);
  const confirm = await client.get(`/staff/admin/staff/${ids.teacher}/disable`);
  expect(confirm.body).toContain('Отключить учётную запись?');
  expect(confirm.body).toContain('name="confirm" value="yes"');
  // A post without the confirmation only asks.
  const asked = await client.post(`/staff/admin/staff/${ids.teacher}/disable`, {});
  expect(asked.statusCode).toBe(200);
  expect((await db.prisma.staffUser.findUniqueOrThrow({ where: { id: ids.teacher } })).disabledAt).toBeNull();

  const done = await client.post(`/staff/admin/staff/${ids.teacher}/disable`, { confirm: 'yes' });
  expect(done.statusCode).toBe(303);
  const after = await client.get(done.headers.location as string);
  expect(after.body).toContain('Учётная запись отключена, все сеансы сотрудника завершены.');
  expect(after.body).toContain('Включить учётную запись');

  expect((await teacher.get(`/staff/classes/${f.classA.id}/acks`)).statusCode).toBe(303);
  const refused = await new StaffClient(app).login('sidorov@school.test');
  const wrong = await new StaffClient(app).login('sidorov@school.test', 'wrong password here');
  expect(refused.statusCode).toBe(wrong.statusCode);
  const withoutToken = (body: string) => body.replace(/name="_csrf" value="[^"]+"/, '');
  expect(withoutToken(refused.body)).toBe(withoutToken(wrong.body));

  // The audit log says it in words: who, in which role, did what to whom.
  const audit = (await client.get('/staff/admin/audit')).body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
  expect(audit).toContain('Ольга Петрова (администратор) : отключена учётная запись сотрудника: Иван Петрович Сидоров');
  const enabled = await client.post(`/staff/admin/staff/${ids.teacher}/enable`, {});
  expect((await client.get(enabled.headers.location as string)).body).toContain('Учётная запись снова включена.');
  expect((await new StaffClient(app).login('sidorov@school.test')).statusCode).toBe(303);
});

it('resends an invitation and emails a password reset, each only when it fits', async () => {
  const client = await asAdmin();
  const invited = await db.prisma.staffUser.findUniqueOrThrow({ where: { email: 'novikova@school.test' } });
  const page = await client.get(`/staff/admin/staff/${invited.id}`);
  expect(page.body).toContain('Отправить приглашение заново');
  expect(page.body).not.toContain('Отправить ссылку для смены пароля');
  const firstLink = /\/staff\/invite\/\S+/.exec(sent.find((m) => m.to === 'novikova@school.test')?.text ?? '')?.[0] as string;
  sent.length = 0;
  const resent = await client.post(`/staff/admin/staff/${invited.id}/resend-invitation`, {});
  expect((await client.get(resent.headers.location as string)).body).toContain('прежняя ссылка больше не действует');
  const newLink = /\/staff\/invite\/\S+/.exec(sent[0]?.text ?? '')?.[0] as string;
  expect(newLink).not.toBe(firstLink);
  expect((await new StaffClient(app).get(firstLink)).statusCode).not.toBe(200);
  expect((await new StaffClient(app).get(newLink)).statusCode).toBe(200);

  sent.length = 0;
  const teacherPage = await client.get(`/staff/admin/staff/${ids.teacher}`);
  expect(teacherPage.body).not.toContain('Отправить приглашение заново');
  const reset = await client.post(`/staff/admin/staff/${ids.teacher}/password-reset`, {});
  const shown = await client.get(reset.headers.location as string);
  expect(shown.body).toContain('Ссылка для смены пароля отправлена на sidorov@school.test.');
  expect(shown.body).not.toContain('token=');
  expect(sent).toHaveLength(1);
  expect(sent[0]?.text).toMatch(/\/staff\/password\/reset\?token=/);
  // Resending to someone with a password is refused with the reason.
  const refused = await client.post(`/staff/admin/staff/${ids.teacher}/resend-invitation`, {});
  expect(refused.statusCode).toBe(409);
  expect(refused.body).toContain('Сотрудник уже задал пароль');
});

it('is for admins of the school only, and every form needs the CSRF token', async () => {
  const t = new StaffClient(app);
  await t.login('sidorov@school.test');
  expect((await t.get('/staff/admin/staff')).statusCode).toBe(403);
  expect((await t.get(`/staff/admin/staff/${ids.head}`)).statusCode).toBe(403);
  expect((await t.post(`/staff/admin/staff/${ids.head}/disable`, { confirm: 'yes' })).statusCode).toBe(403);

  const client = await asAdmin();
  expect((await client.get(`/staff/admin/staff/${ids.otherAdmin}`)).statusCode).toBe(404);
  expect((await client.get('/staff/admin/staff/not-a-uuid')).statusCode).toBe(404);
  expect((await client.post(`/staff/admin/staff/${ids.otherAdmin}/disable`, { confirm: 'yes' })).statusCode).toBe(404);
  expect((await db.prisma.staffUser.findUniqueOrThrow({ where: { id: ids.otherAdmin } })).disabledAt).toBeNull();

  const forged = await client.post(`/staff/admin/staff/${ids.teacher}/disable`, { _csrf: 'forged', confirm: 'yes' });
  expect(forged.statusCode).toBe(403);
  const forgedInvite = await client.post('/staff/admin/staff', { _csrf: '', email: 'x@school.test', role: 'admin' });
  expect(forgedInvite.statusCode).toBe(403);
  expect((await db.prisma.staffUser.findUniqueOrThrow({ where: { id: ids.teacher } })).disabledAt).toBeNull();
  expect(await db.prisma.staffUser.count({ where: { email: 'x@school.test' } })).toBe(0);
});
