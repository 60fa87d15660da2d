// Acknowledge and unsubscribe links from emails: a button page on GET, the work on POST,
// and nothing recorded for an expired link or a family that withdrew consent.
import type { FastifyInstance } from 'fastify';
import { createHttpApp } from '../../../src/http/create-http-app.js';
import { notificationLinkRoutes } from '../../../src/http/notifications/notification-links.js';
import { withdrawConsent } from '../../../src/modules/consent/withdraw-consent.js';
import { keyedHash } from '../../../src/lib/keyed-hash.js';
import { signLinkToken } from '../../../src/modules/notifications/sign-link.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { createSchoolFixture, SECRET, testContext, type SchoolFixture } from '../../support/staff-fixture.js';

let db: TestDatabase;
let app: FastifyInstance;
let f: SchoolFixture;

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);
const post = (url: string, lang = 'ru') => app.inject({ method: 'POST', url, headers: { 'accept-language': lang } });

beforeAll(async () => {
  db = await createTestDatabase();
  f = await createSchoolFixture(db.prisma);
  await db.prisma.outboxMessage.create({
    data: { idempotencyKey: 'smirnova-digest', schoolId: f.schoolId, guardianId: f.guardians.smirnova, channelType: 'email', kind: 'digest', payload: {}, status: 'sent', sentAt: ago(1) },
  });
  app = await createHttpApp(testContext(db), { plugins: [notificationLinkRoutes] });
});

afterAll(async () => {
  await app.close();
  await db.drop();
});

async function digestOf(guardianId: string) {
  return db.prisma.outboxMessage.findFirstOrThrow({ where: { guardianId, kind: 'digest' } });
}

const ackUrl = (id: string, issuedAt: Date) => `/ack/${encodeURIComponent(signLinkToken(SECRET, 'ack', id, issuedAt))}`;
const acks = (guardianId: string) => db.prisma.acknowledgment.count({ where: { guardianId, subject: 'digest' } });

describe('acknowledge link', () => {
  it('works for a school year from the email: a button on GET, recorded once on POST', async () => {
    const message = await digestOf(f.guardians.petrov);
    const url = ackUrl(message.id, ago(360));
    const page = await app.inject({ method: 'GET', url });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<form method="post">');
    expect(await acks(f.guardians.petrov)).toBe(0);
    const done = await post(url);
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('Ознакомление отмечено');
    expect(await acks(f.guardians.petrov)).toBe(1);
  });

  it('expires after a school year, and refuses tokens without an expiry or with a changed one', async () => {
    const message = await digestOf(f.guardians.smirnova);
    const old = ackUrl(message.id, ago(366));
    const page = await app.inject({ method: 'GET', url: old });
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain('Срок действия ссылки истёк');
    expect(page.body).not.toContain('<form');
    const english = await post(old, 'en-GB,en');
    expect(english.statusCode).toBe(410);
    expect(english.body).toContain('This link has expired');

    // The former format (id and signature, no expiry) and a token whose expiry was pushed forward.
    const legacy = `${message.id}.${keyedHash(SECRET, message.id, 'link:ack').slice(0, 32)}`;
    const [id, , signature] = signLinkToken(SECRET, 'ack', message.id, ago(366)).split('.');
    const extended = `${id}.${Math.floor(Date.now() / 1000 + DAY / 1000).toString(36)}.${signature}`;
    for (const token of [legacy, extended]) expect((await post(`/ack/${encodeURIComponent(token)}`)).statusCode).toBe(400);
    expect(await acks(f.guardians.smirnova)).toBe(0);
  });

  it('records nothing once the family has withdrawn consent', async () => {
    const message = await digestOf(f.guardians.smirnova);
    const url = ackUrl(message.id, ago(10));
    await withdrawConsent(db.prisma, { schoolId: f.schoolId, guardianId: f.guardians.smirnova });
    const page = await app.inject({ method: 'GET', url });
    expect(page.statusCode).toBe(403);
    expect(page.body).not.toContain('<form');
    const refused = await post(url);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('Согласие на обработку персональных данных отозвано');
    expect(await acks(f.guardians.smirnova)).toBe(0);
    expect((await db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: message.id } })).status).not.toBe('acknowledged');
  });
});

describe('unsubscribe link', () => {
  it('turns the email channel off while valid, and changes nothing once expired', async () => {
    const channel = await db.prisma.channel.findFirstOrThrow({ where: { guardianId: f.guardians.petrov, type: 'email' } });
    const expired = `/unsubscribe/${encodeURIComponent(signLinkToken(SECRET, 'unsubscribe', channel.id, ago(400)))}`;
    const refused = await post(expired);
    expect(refused.statusCode).toBe(410);
    expect((await db.prisma.channel.findUniqueOrThrow({ where: { id: channel.id } })).enabled).toBe(true);

    const valid = `/unsubscribe/${encodeURIComponent(signLinkToken(SECRET, 'unsubscribe', channel.id, ago(30)))}`;
    expect((await app.inject({ method: 'GET', url: valid })).statusCode).toBe(200);
    expect((await db.prisma.channel.findUniqueOrThrow({ where: { id: channel.id } })).enabled).toBe(true);
    const done = await post(valid);
    expect(done.statusCode).toBe(200);
    expect((await db.prisma.channel.findUniqueOrThrow({ where: { id: channel.id } })).enabled).toBe(false);
  });
});
