// The family page over real HTTP handling (in-process) and the test database: sign-in by
// an emailed single-use link, the bots' views drawn as pages, and the security edges —
// link reuse and expiry, another family's child in a URL, a session after withdrawal.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { shortId } from '../../../src/conversation/format/callback-data.js';
import { createFamilyRoutes } from '../../../src/http/family/family-routes.js';
import { createHttpApp } from '../../../src/http/create-http-app.js';
import { createMailer, type MailMessage } from '../../../src/mail/create-mailer.js';
import { seedSchool, type Seeded } from '../../bot/support/seed.js';
import { testContext } from '../../support/context.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { formBrowser } from './support/form-browser.js';

let db: TestDatabase;
let app: FastifyInstance;
let seed: Seeded;
let dataDir: string;
let clock = new Date('2026-03-02T09:00:00Z');
const mails: MailMessage[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  dataDir = await mkdtemp(path.join(tmpdir(), 'vestnik-family-'));
  const ctx = testContext(db, { VESTNIK_DATA_DIR: dataDir });
  seed = await seedSchool(db.prisma, clock);
  await db.prisma.channel.updateMany({ where: { guardianId: seed.guardians.ru, type: 'email' }, data: { verified: true } });
  // The real mailer (it writes .eml files without SMTP); the test reads what it was given.
  const real = createMailer(ctx.config);
  const mailer = { ...real, send: async (m: MailMessage) => (mails.push(m), real.send(m)) };
  app = await createHttpApp(ctx, { plugins: [createFamilyRoutes({ mailer, now: () => clock })] });
});

afterAll(async () => {
  await app.close();
  await db.drop();
  await rm(dataDir, { recursive: true, force: true });
});

const browser = () => formBrowser(() => app);

async function signIn(b: ReturnType<typeof browser>, email = 'parent@example.org'): Promise<string> {
  const form = await b.get('/me');
  const before = mails.length;
  const sent = await b.post('/me/sign-in', { _csrf: b.csrf(form.body), email });
  expect(sent.body).toContain('Если этот адрес подтверждён в школе, на него отправлена ссылка для входа.');
  const mail = mails[before];
  if (!mail) return '';
  const link = /https?:\/\/\S+\/me\/sign-in\?token=\S+/.exec(mail.text)![0];
  return link.replace(/^https?:\/\/[^/]+/, '');
}

test('a parent signs in from the emailed link and reads marks; the link works once and the page never says whether an address is known', async () => {
  const b = browser();
  const unknown = mails.length;
  expect(await signIn(b, 'nobody@example.org')).toBe('');
  expect(mails.length).toBe(unknown);

  const link = await signIn(b);
  expect(mails.at(-1)).toMatchObject({ to: 'parent@example.org', subject: 'Вход на страницу семьи — Школа № 7' });
  const opened = await b.get(link);
  expect(opened.statusCode).toBe(303);
  const session = opened.cookies.find((c) => c.name === 'vestnik_family')!;
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/me' });
  expect(session.maxAge).toBe(30 * 86_400);

  const home = await b.get('/me');
  expect(home.body).toContain('Петров Илья, 5А');
  expect(home.body).toContain(`href="/me/go?p=${encodeURIComponent(`v:marks:${shortId(seed.students.ilya)}`)}"`);
  const marks = await b.get('/me/c/marks');
  expect(marks.body).toContain('<h1><b>Отметки</b></h1>');
  expect(marks.body).toContain('<b>Алгебра</b>');
  expect(await db.prisma.viewEvent.count({ where: { guardianId: seed.guardians.ru, view: 'marks', channelType: 'web' } })).toBe(1);

  // The same link again, in another browser: refused.
  const other = browser();
  expect((await other.get(link)).statusCode).toBe(400);
});

test('the family reads what the school sent and acknowledges a final mark on the page', async () => {
  const b = browser();
  await b.get(await signIn(b));
  const payload = { cause: 'final:web-test', lang: 'ru', studentName: 'Петров Илья', eventType: 'final_mark_published', data: { subjectName: 'Алгебра', periodName: '1 четверть', value: '5' }, occurredAt: clock.toISOString() };
  const message = await db.prisma.outboxMessage.create({
    data: { idempotencyKey: `${seed.guardians.ru}:final:web-test:email`, schoolId: seed.schoolId, guardianId: seed.guardians.ru, channelType: 'email', kind: 'final_mark', critical: true, payload, status: 'sent', sentAt: clock },
  });
  const inbox = await b.get('/me/c/inbox');
  expect(inbox.body).toContain('<h1><b>Сообщения от школы</b></h1>');
  expect(inbox.body).toContain('ждёт ознакомления');
  const open = await b.get(`/me/go?p=${encodeURIComponent(`msg:${shortId(message.id)}`)}`);
  expect(open.body).toContain('Алгебра');
  expect(open.body).toContain(`value="ackmsg:${message.id}"`);
  const done = await b.post('/me/do', { _csrf: b.csrf(open.body), p: `ackmsg:${message.id}` });
  expect(done.body).toContain('role="status"');
  const ack = await db.prisma.acknowledgment.findFirstOrThrow({ where: { outboxMessageId: message.id } });
  expect(ack.channelType).toBe('web');
  expect((await b.get('/me/c/inbox')).body).toContain('ознакомлены');
});

test('an expired link is refused, and so is another family\'s child named in a URL', async () => {
  const b = browser();
  const link = await signIn(b);
  clock = new Date(clock.getTime() + 16 * 60_000);
  const late = await b.get(link);
  expect(late.statusCode).toBe(400);
  expect(late.body).toContain('Ссылка для входа не подошла');

  await b.get(await signIn(b));
  const foreign = await b.get(`/me/go?p=${encodeURIComponent(`v:marks:${shortId(seed.students.foreign)}`)}`);
  expect(foreign.body).toContain('role="alert"');
  expect(foreign.body).not.toContain('Кузнецов');
});

test('sign-in requests are limited per address, and the answer stays the same', async () => {
  clock = new Date(clock.getTime() + 2 * 3600_000);
  const b = browser();
  for (let i = 0; i < 5; i++) expect(await signIn(b)).not.toBe('');
  expect(await signIn(b)).toBe('');
  const audited = await db.prisma.auditLog.findMany({ where: { action: 'family.sign_in_requested' }, orderBy: { id: 'desc' }, take: 1 });
  expect(audited[0]?.details).toMatchObject({ limited: true, known: true });
  expect(JSON.stringify(audited.map((a) => [a.targetId, a.details]))).not.toContain('parent@example.org');
});

test('signing out everywhere ends every session; withdrawing on the page ends them as well', async () => {
  clock = new Date(clock.getTime() + 2 * 3600_000);
  const phone = browser();
  const laptop = browser();
  await phone.get(await signIn(phone));
  await laptop.get(await signIn(laptop));
  const home = await phone.get('/me');
  await phone.post('/me/sign-out-everywhere', { _csrf: phone.csrf(home.body) });
  expect((await laptop.get('/me/c/marks')).statusCode).toBe(401);

  await laptop.get(await signIn(laptop));
  await phone.get(await signIn(phone));
  const stop = await laptop.get('/me/c/stop');
  expect(stop.body).toContain('Отозвать согласие');
  const done = await laptop.post('/me/do', { _csrf: laptop.csrf(stop.body), p: 'stop:ok' });
  expect(done.body).toContain('Согласие отозвано');
  expect((await db.prisma.guardian.findUniqueOrThrow({ where: { id: seed.guardians.ru } })).status).toBe('withdrawn');
  expect(await db.prisma.familySession.count()).toBe(0);
  expect((await phone.get('/me/c/marks')).statusCode).toBe(401);
});

test('a form posted from another site is refused', async () => {
  const response = await app.inject({ method: 'POST', url: '/me/sign-in', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'email=parent%40example.org' });
  expect(response.statusCode).toBe(403);
});
