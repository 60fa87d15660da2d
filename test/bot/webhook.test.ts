// Webhook mode: the secret header is checked and a resent update_id is handled once.
import type { FastifyInstance } from 'fastify';
import { WEBHOOK_PATH, webhookRoutes } from '../../src/channels/telegram/telegram-webhook.js';
import { createHttpApp } from '../../src/http/create-http-app.js';
import { makeCommandUpdate } from '../support/fake-telegram.js';
import { startBotHarness, type BotHarness } from './support/bot-harness.js';
import { CHAT, seedSchool } from './support/seed.js';

const SECRET = 'webhook_secret-123';
let h: BotHarness;
let app: FastifyInstance;
let url: string;

beforeAll(async () => {
  h = await startBotHarness({ polling: false, env: { TELEGRAM_MODE: 'webhook', TELEGRAM_WEBHOOK_SECRET: SECRET } });
  await seedSchool(h.db.prisma);
  app = await createHttpApp(h.ctx, { plugins: [(scope, ctx) => webhookRoutes(scope, ctx, h.bot)] });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}${WEBHOOK_PATH}`;
});
afterAll(async () => {
  await app.close();
  await h.close();
});

const post = (body: unknown, secret?: string) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(secret === undefined ? {} : { 'x-telegram-bot-api-secret-token': secret }) }, body: JSON.stringify(body) });

test('the right secret: the update is handled and the parent answered', async () => {
  const before = h.mark(CHAT.ru);
  const response = await post(makeCommandUpdate(CHAT.ru, '/tests', undefined, { updateId: 500 }), SECRET);
  expect(response.status).toBe(200);
  const reply = await h.next(CHAT.ru, before);
  expect(reply.text).toContain('Алгебра — Дроби');
});

test('a missing secret is 401 and a wrong one 403; neither reaches the bot', async () => {
  const sent = h.telegram.sentMessages().length;
  expect((await post(makeCommandUpdate(CHAT.ru, '/tests', undefined, { updateId: 501 }))).status).toBe(401);
  expect((await post(makeCommandUpdate(CHAT.ru, '/tests', undefined, { updateId: 502 }), 'wrong-secret')).status).toBe(403);
  expect((await post(makeCommandUpdate(CHAT.ru, '/tests', undefined, { updateId: 503 }), `${SECRET}x`)).status).toBe(403);
  expect(h.telegram.sentMessages().length).toBe(sent);
  expect(await h.db.prisma.processedUpdate.count({ where: { updateId: { in: [501n, 502n, 503n] } } })).toBe(0);
});

test('a repeated update_id is dropped', async () => {
  const before = h.mark(CHAT.ru);
  const update = makeCommandUpdate(CHAT.ru, '/holidays', undefined, { updateId: 600 });
  expect((await post(update, SECRET)).status).toBe(200);
  await h.next(CHAT.ru, before, (m) => m.text.includes('Каникулы'));
  const again = await post(update, SECRET);
  expect(again.status).toBe(200);
  expect(await again.json()).toMatchObject({ duplicate: true });
  expect(h.telegram.sentMessages(CHAT.ru).filter((m) => m.text.includes('<b>Каникулы</b>'))).toHaveLength(1);
  expect(await h.db.prisma.viewEvent.count({ where: { view: 'holidays' } })).toBe(1);
});

test('a body that is not an update is refused', async () => {
  expect((await post({ hello: 1 }, SECRET)).status).toBe(400);
});
