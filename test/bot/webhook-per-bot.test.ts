// Webhooks per bot: /telegram/webhook/<botId> with that bot's own secret. An unknown bot is
// 404, another bot's secret 403; update ids are remembered per bot, and a chat linked through
// the default bot is not a family of the school's own bot.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { botWebhookSecret } from '../../src/channels/bot-webhook-secret.js';
import { telegramBotWebhookRoutes } from '../../src/channels/telegram/telegram-bot-webhooks.js';
import { WEBHOOK_PATH, webhookRoutes } from '../../src/channels/telegram/telegram-webhook.js';
import { createHttpApp } from '../../src/http/create-http-app.js';
import { sealToken } from '../../src/lib/seal-token.js';
import { TEST_SECRET } from '../support/context.js';
import { makeCommandUpdate } from '../support/fake-telegram.js';
import { startBotHarness, TOKEN, type BotHarness } from './support/bot-harness.js';
import { CHAT, seedSchool } from './support/seed.js';

const SECRET = 'webhook_secret-123';
let h: BotHarness;
let app: FastifyInstance;
let base: string;
let schoolBotId: string;

beforeAll(async () => {
  h = await startBotHarness({ polling: false, env: { TELEGRAM_MODE: 'webhook', TELEGRAM_WEBHOOK_SECRET: SECRET } });
  await seedSchool(h.db.prisma);
  // The fake serves one token; the school's bot row holds it sealed, as registration stores it.
  const other = await h.db.prisma.school.create({ data: { name: 'Школа № 2', timezone: 'Asia/Yekaterinburg', chatChannels: ['telegram'] } });
  schoolBotId = (await h.db.prisma.bot.create({ data: { schoolId: other.id, type: 'telegram', externalId: '777', username: 'school_two_bot', tokenSealed: sealToken(TEST_SECRET, TOKEN), tokenHint: TOKEN.slice(-4) } })).id;
  app = await createHttpApp(h.ctx, { plugins: [(scope, ctx) => webhookRoutes(scope, ctx, h.bot), (scope, ctx) => telegramBotWebhookRoutes(scope, ctx, ctx.logger)] });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}${WEBHOOK_PATH}`;
});
afterAll(async () => {
  await app.close();
  await h.close();
});

const post = (path: string, body: unknown, secret: string) =>
  fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret }, body: JSON.stringify(body) });

test('an unknown bot is 404 and another bot’s secret 403; nothing reaches a conversation', async () => {
  const sent = h.telegram.sentMessages().length;
  const update = makeCommandUpdate(CHAT.ru, '/tests', undefined, { updateId: 800 });
  expect((await post(`/${randomUUID()}`, update, botWebhookSecret(TEST_SECRET, randomUUID()))).status).toBe(404);
  expect((await post('/not-a-bot', update, SECRET)).status).toBe(404);
  expect((await post(`/${schoolBotId}`, update, SECRET)).status).toBe(403);
  expect((await post('', update, botWebhookSecret(TEST_SECRET, schoolBotId))).status).toBe(403);
  expect(h.telegram.sentMessages().length).toBe(sent);
  expect(await h.db.prisma.processedUpdate.count({ where: { updateId: 800n } })).toBe(0);
});

test('the school bot’s route with its secret is handled, once per bot; the default bot’s family is not the school bot’s', async () => {
  const secret = botWebhookSecret(TEST_SECRET, schoolBotId);
  const update = makeCommandUpdate(CHAT.ru, '/tests', undefined, { updateId: 900 });
  let before = h.mark(CHAT.ru);
  expect((await post(`/${schoolBotId}`, update, secret)).status).toBe(200);
  const reply = await h.next(CHAT.ru, before);
  expect(reply.text).not.toContain('Алгебра — Дроби');
  const again = await post(`/${schoolBotId}`, update, secret);
  expect(await again.json()).toMatchObject({ duplicate: true });
  // The same update id from the default bot is another update.
  before = h.mark(CHAT.ru);
  const viaDefault = await post('', update, SECRET);
  expect(await viaDefault.json()).toEqual({ ok: true });
  expect((await h.next(CHAT.ru, before)).text).toContain('Алгебра — Дроби');
  expect(await h.db.prisma.processedUpdate.count({ where: { updateId: 900n } })).toBe(2);
});
