// The family page's web push endpoints and the installable app's files. `guardianIdsOf`
// stands for the page's session: a request naming a family in x-family is signed in.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { testContext } from '../../support/context.js';
import { startFakePushService, type FakePushService } from '../../support/fake-push/server.js';
import { createHttpApp } from '../../../src/http/create-http-app.js';
import { pushControls, pushHeadTags } from '../../../src/http/family/push-controls.js';
import { familyPushRoutes } from '../../../src/http/family/push-routes.js';
import { translator } from '../../../src/i18n/index.js';
import { createFamily } from '../../modules/notifications/fixtures.js';

const PUBLIC_URL = 'https://vestnik.school.test';
let db: TestDatabase;
let dataDir: string;
let push: FakePushService;
let app: FastifyInstance;
const families = new Map<string, string[]>();

async function buildApp(env: NodeJS.ProcessEnv = {}): Promise<FastifyInstance> {
  const ctx = testContext(db, { VESTNIK_DATA_DIR: dataDir, PUBLIC_URL, ...env });
  return createHttpApp(ctx, {
    plugins: [(scope, c) => familyPushRoutes(scope, c, { guardianIdsOf: async (request) => families.get(String(request.headers['x-family'])) ?? null })],
  });
}

beforeAll(async () => {
  db = await createTestDatabase();
  dataDir = await mkdtemp(path.join(tmpdir(), 'vestnik-push-'));
  push = await startFakePushService();
  app = await buildApp();
});
afterAll(async () => {
  await app.close();
  await push.close();
  await db.drop();
  await rm(dataDir, { recursive: true, force: true });
});

/** A subscription as a browser's PushSubscription.toJSON() gives it, on an https push service. */
function browserSubscription() {
  const sub = push.subscribe();
  return { endpoint: `https://push.example.test/push/${sub.id}`, expirationTime: null, keys: { p256dh: sub.p256dh, auth: sub.auth } };
}

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url, payload: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json', origin: PUBLIC_URL, ...headers } });

describe('the installable app', () => {
  test('manifest in the family’s language, a service worker allowed to control /me, icons and the public key', async () => {
    const manifest = await app.inject({ url: '/me/manifest.webmanifest', headers: { 'accept-language': 'ru-RU,ru;q=0.9' } });
    expect(manifest.headers['content-type']).toMatch(/^application\/manifest\+json/);
    expect(manifest.json()).toMatchObject({ short_name: 'Вестник', start_url: '/me', scope: '/me', display: 'standalone', lang: 'ru' });
    const english = await app.inject({ url: '/me/manifest.webmanifest', headers: { 'accept-language': 'en-GB' } });
    expect(english.json()).toMatchObject({ short_name: 'Vestnik', lang: 'en' });

    const worker = await app.inject({ url: '/me/sw.js' });
    expect(worker.statusCode).toBe(200);
    expect(worker.headers['content-type']).toMatch(/^text\/javascript/);
    expect(worker.headers['service-worker-allowed']).toBe('/me');
    expect(worker.body).toContain("addEventListener('notificationclick'");

    for (const icon of manifest.json().icons as Array<{ src: string; type: string }>) {
      const got = await app.inject({ url: icon.src });
      expect(got.statusCode).toBe(200);
      expect(got.headers['content-type']).toBe(icon.type);
    }
    expect((await app.inject({ url: '/me/icons/icon-192.png' })).rawPayload.subarray(1, 4).toString()).toBe('PNG');
    expect((await app.inject({ url: '/me/icons/..%2Fpush.js' })).statusCode).toBe(404);

    const key = (await app.inject({ url: '/me/push/key' })).json() as { publicKey: string };
    const point = Buffer.from(key.publicKey, 'base64url');
    expect(point).toHaveLength(65);
    expect(point[0]).toBe(4);
  });
});

describe('subscribing a browser', () => {
  test('a family signed in for two children subscribes both guardians; again with fresh keys updates; unsubscribing turns the channels off', async () => {
    const first = await createFamily(db.prisma, { telegramChat: null });
    const second = await createFamily(db.prisma, { schoolId: first.schoolId, telegramChat: null });
    families.set('ivanovs', [first.guardianId, second.guardianId]);
    const sub = browserSubscription();
    const ua = 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36';

    const created = await post('/me/push/subscribe', sub, { 'x-family': 'ivanovs', 'user-agent': ua });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({ subscribed: 2 });
    const rows = await db.prisma.pushSubscription.findMany({ where: { endpoint: sub.endpoint }, orderBy: { guardianId: 'asc' } });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ p256dh: sub.keys.p256dh, auth: sub.keys.auth, active: true, userAgent: 'Chrome, Android' });
    const channels = await db.prisma.channel.findMany({ where: { type: 'webpush', guardianId: { in: [first.guardianId, second.guardianId] } } });
    expect(channels.map((c) => c.address).sort()).toEqual(rows.map((r) => r.id).sort());
    expect(channels.every((c) => c.verified && c.active && c.enabled)).toBe(true);

    const renewed = { ...sub, keys: browserSubscription().keys };
    expect((await post('/me/push/subscribe', renewed, { 'x-family': 'ivanovs' })).statusCode).toBe(201);
    const after = await db.prisma.pushSubscription.findMany({ where: { endpoint: sub.endpoint } });
    expect(after).toHaveLength(2);
    expect(after.every((r) => r.p256dh === renewed.keys.p256dh)).toBe(true);

    const gone = await post('/me/push/unsubscribe', { endpoint: sub.endpoint }, { 'x-family': 'ivanovs' });
    expect(gone.json()).toEqual({ unsubscribed: 2 });
    const off = await db.prisma.channel.findMany({ where: { type: 'webpush', address: { in: after.map((r) => r.id) } } });
    expect(off.map((c) => [c.active, c.inactiveReason])).toEqual([
      [false, 'unsubscribed'],
      [false, 'unsubscribed'],
    ]);
  });

  test('nobody signed in: 401; not JSON: 415; another site or no Origin: 403 — and nothing is stored', async () => {
    const sub = browserSubscription();
    expect((await post('/me/push/subscribe', sub)).statusCode).toBe(401);
    expect((await post('/me/push/subscribe', sub, { 'x-family': 'nobody' })).statusCode).toBe(401);
    const family = await createFamily(db.prisma, { telegramChat: null });
    families.set('petrovs', [family.guardianId]);
    expect((await post('/me/push/subscribe', JSON.stringify(sub), { 'x-family': 'petrovs', 'content-type': 'text/plain' })).statusCode).toBe(415);
    expect((await post('/me/push/subscribe', sub, { 'x-family': 'petrovs', origin: 'https://evil.example' })).statusCode).toBe(403);
    const noOrigin = await app.inject({ method: 'POST', url: '/me/push/subscribe', payload: sub, headers: { 'x-family': 'petrovs' } });
    expect(noOrigin.statusCode).toBe(403);
    expect((await post('/me/push/unsubscribe', { endpoint: sub.endpoint }, { origin: 'https://evil.example', 'x-family': 'petrovs' })).statusCode).toBe(403);
    expect(await db.prisma.pushSubscription.count({ where: { endpoint: sub.endpoint } })).toBe(0);
  });

  test.each([
    ['a plain-HTTP push service', (s: ReturnType<typeof browserSubscription>) => ({ ...s, endpoint: s.endpoint.replace('https:', 'http:') }), 'endpoint', 'notHttps'],
    ['no endpoint', (s: ReturnType<typeof browserSubscription>) => ({ ...s, endpoint: undefined }), 'endpoint', 'required'],
    ['an endpoint over 2048 characters', (s: ReturnType<typeof browserSubscription>) => ({ ...s, endpoint: `${s.endpoint}/${'x'.repeat(2048)}` }), 'endpoint', 'tooLong'],
    ['a key that is not on P-256', (s: ReturnType<typeof browserSubscription>) => ({ ...s, keys: { ...s.keys, p256dh: Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 7)]).toString('base64url') } }), 'keys.p256dh', 'notP256'],
    ['a key of the wrong length', (s: ReturnType<typeof browserSubscription>) => ({ ...s, keys: { ...s.keys, p256dh: s.keys.p256dh.slice(0, 40) } }), 'keys.p256dh', 'wrongLength'],
    ['an auth secret of 12 bytes', (s: ReturnType<typeof browserSubscription>) => ({ ...s, keys: { ...s.keys, auth: Buffer.alloc(12, 1).toString('base64url') } }), 'keys.auth', 'wrongLength'],
    ['an auth secret that is not base64url', (s: ReturnType<typeof browserSubscription>) => ({ ...s, keys: { ...s.keys, auth: 'not base64!' } }), 'keys.auth', 'notBase64url'],
  ])('%s is refused with 422 naming the field', async (_name, spoil, field, reason) => {
    const family = await createFamily(db.prisma, { telegramChat: null });
    families.set(family.guardianId, [family.guardianId]);
    const response = await post('/me/push/subscribe', spoil(browserSubscription()), { 'x-family': family.guardianId });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ error: 'INVALID_INPUT', details: { field, reason } });
    expect(await db.prisma.channel.count({ where: { guardianId: family.guardianId, type: 'webpush' } })).toBe(0);
  });

  test('a NUL in the endpoint is refused at the door, like every ill-formed text', async () => {
    const family = await createFamily(db.prisma, { telegramChat: null });
    families.set('nul', [family.guardianId]);
    const sub = browserSubscription();
    const response = await post('/me/push/subscribe', JSON.stringify({ ...sub, endpoint: `${sub.endpoint}\u0000` }), { 'x-family': 'nul' });
    expect(response.statusCode).toBe(422);
    expect(JSON.stringify(response.json())).toContain('endpoint');
  });
});

describe('the page’s push controls', () => {
  test('every state has its text in both languages, hidden until the script shows the one that fits', () => {
    for (const lang of ['ru', 'en'] as const) {
      const block = pushControls(translator(lang)).value;
      expect(block).not.toMatch(/push:controls/);
      expect(block.match(/data-push-state="\w+" role="status" hidden/g)).toHaveLength(5);
    }
    expect(pushControls(translator('ru')).value).toContain('Включить уведомления в браузере');
    expect(pushHeadTags().value).toContain('<link rel="manifest" href="/me/manifest.webmanifest">');
  });
});
