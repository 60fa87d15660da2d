import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { runCli } from '../../../src/cli/run-cli.js';
import { createHttpApp } from '../../../src/http/create-http-app.js';
import { consentHttpRoutes } from '../../../src/http/consent/verify-email-route.js';
import { issueConsentCodes } from '../../../src/modules/consent/issue-consent-codes.js';
import { signEmailToken } from '../../../src/modules/consent/email-token.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { captureIo, TEST_SECRET, testContext } from '../../support/context.js';
import { seedRoster, type Roster } from '../../modules/consent/seed-roster.js';

let db: TestDatabase;
let roster: Roster;
let app: FastifyInstance;
let smtp: SMTPServer;
let smtpPort: number;
const inbox: ParsedMail[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  roster = await seedRoster(db.prisma);
  app = await createHttpApp(testContext(db), { plugins: [consentHttpRoutes] });
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => inbox.push(mail))
        .then(() => callback(), callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await app.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await db.drop();
});

async function recordWithEmail(email: string, env: NodeJS.ProcessEnv) {
  const [code] = (await issueConsentCodes(db.prisma, TEST_SECRET, { schoolId: roster.schoolId, classExternalId: 'c-5a' })).codes;
  const capture = captureIo(db, { PUBLIC_URL: 'https://vestnik.example.org', ...env });
  const exit = await runCli(['consent', 'record', '--school', roster.schoolId, '--code', code!.code, '--decision', 'signed', '--email', email, '--channel', 'email', '--json'], capture.io);
  expect(capture.err).toEqual([]);
  expect(exit).toBe(0);
  return JSON.parse(capture.out.join('\n')) as { guardianId: string; emailSent: boolean };
}

/** Presses the page's button: posts its form, hidden fields included, back to the same address. */
async function confirm(url: string, page: string) {
  const fields = new URLSearchParams([...page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m): [string, string] => [m[1]!, m[2]!.replace(/&amp;/g, '&')]));
  return app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: fields.toString() });
}

const linkIn = (text: string) => /https:\/\/vestnik\.example\.org(\/consent\/verify-email\?token=\S+)/.exec(text)?.[1];

describe('email registration link', () => {
  it('is emailed through SMTP and, opened once, makes the address a verified channel', async () => {
    const { guardianId, emailSent } = await recordWithEmail('mama@example.org', { SMTP_URL: `smtp://127.0.0.1:${smtpPort}` });
    expect(emailSent).toBe(true);
    const mail = inbox.find((m) => m.to && !Array.isArray(m.to) && m.to.text === 'mama@example.org');
    expect(mail?.subject).toBe('Подтвердите адрес для уведомлений — Школа № 17');
    const url = linkIn(mail?.text ?? '');
    expect(url).toBeDefined();
    expect(mail?.html).toContain('Подтвердить адрес');
    expect(await db.prisma.channel.count({ where: { guardianId, type: 'email' } })).toBe(0);

    // A mail scanner opening the link confirms nothing: GET only shows the button.
    const opened = await app.inject({ method: 'GET', url: url! });
    expect(opened.statusCode).toBe(200);
    expect(opened.headers['content-type']).toMatch(/text\/html/);
    expect(opened.headers['cache-control']).toBe('no-store');
    expect(opened.body).toContain('<form method="post">');
    expect(opened.body).toContain('mama@example.org');
    expect((await app.inject({ method: 'GET', url: url! })).statusCode).toBe(200);
    expect(await db.prisma.channel.count({ where: { guardianId, type: 'email' } })).toBe(0);

    const confirmed = await confirm(url!, opened.body);
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.headers['cache-control']).toBe('no-store');
    expect(confirmed.body).toContain('Адрес mama@example.org подтверждён');
    expect(await db.prisma.channel.findMany({ where: { guardianId } })).toMatchObject([{ type: 'email', address: 'mama@example.org', verified: true }]);
    expect(await db.prisma.auditLog.count({ where: { action: 'consent.email.verify', targetId: guardianId } })).toBe(1);

    const again = await app.inject({ method: 'GET', url: url!, headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain('This link has already been used.');
    expect(again.body).not.toContain('<form');
    const twice = await confirm(url!, opened.body);
    expect(twice.statusCode).toBe(410);
    expect(await db.prisma.auditLog.count({ where: { action: 'consent.email.verify', targetId: guardianId } })).toBe(1);
  });

  it('without SMTP the email is an .eml file in the data folder', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vestnik-eml-'));
    await recordWithEmail('papa@example.org', { VESTNIK_DATA_DIR: dataDir });
    const files = await readdir(path.join(dataDir, 'outbox'));
    expect(files).toHaveLength(1);
    const mail = await simpleParser(await readFile(path.join(dataDir, 'outbox', files[0]!)));
    expect(mail.subject).toContain('Подтвердите адрес');
    expect(linkIn(mail.text ?? '')).toBeDefined();
  });

  it('refuses an expired or tampered link, and a link with no token', async () => {
    const guardian = await db.prisma.guardian.findFirstOrThrow({ where: { consentRecords: { some: { contactEmail: 'papa@example.org' } } } });
    const expired = signEmailToken(TEST_SECRET, { g: guardian.id, e: 'papa@example.org' }, new Date(Date.now() - 8 * 24 * 3600 * 1000));
    const res = await app.inject({ method: 'GET', url: `/consent/verify-email?token=${encodeURIComponent(expired)}` });
    expect(res.statusCode).toBe(410);
    expect(res.body).toContain('Срок действия ссылки истёк');

    const valid = signEmailToken(TEST_SECRET, { g: guardian.id, e: 'papa@example.org' });
    const [body, signature] = valid.split('.') as [string, string];
    const otherAddress = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), e: 'evil@example.org' })).toString('base64url');
    for (const token of [`${otherAddress}.${signature}`, signEmailToken('some-other-secret-123456', { g: guardian.id, e: 'papa@example.org' }), `${body}.${'0'.repeat(64)}`]) {
      const tampered = await app.inject({ method: 'GET', url: `/consent/verify-email?token=${encodeURIComponent(token)}` });
      expect(tampered.statusCode).toBe(400);
      expect(tampered.body).toContain('Ссылка недействительна');
    }
    expect((await app.inject({ method: 'GET', url: '/consent/verify-email' })).statusCode).toBe(400);
    expect(await db.prisma.channel.count({ where: { guardianId: guardian.id, type: 'email' } })).toBe(0);
    const forgedPost = await app.inject({ method: 'POST', url: '/consent/verify-email', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `token=${encodeURIComponent(`${body}.${'0'.repeat(64)}`)}` });
    expect(forgedPost.statusCode).toBe(400);
    expect(await db.prisma.channel.count({ where: { guardianId: guardian.id, type: 'email' } })).toBe(0);
    // The untouched valid link still works afterwards.
    const url = `/consent/verify-email?token=${encodeURIComponent(valid)}`;
    const page = await app.inject({ method: 'GET', url });
    expect(page.statusCode).toBe(200);
    expect((await confirm(url, page.body)).statusCode).toBe(200);
    expect(await db.prisma.channel.count({ where: { guardianId: guardian.id, type: 'email' } })).toBe(1);
  });
});
