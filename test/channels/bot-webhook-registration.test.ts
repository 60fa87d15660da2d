// Webhook mode: a school bot registered while the service runs gets its webhook at once —
// from the admin page and from `vestnik school update` alike — at its own route with its own
// secret, and a removed one has its webhook deleted; a new token of a bot is used for its
// replies without a restart. The fake messengers record the calls.
import type { FastifyInstance } from 'fastify';
import { botWebhookSecret } from '../../src/channels/bot-webhook-secret.js';
import { runCli } from '../../src/cli/run-cli.js';
import { createHttpApp } from '../../src/http/create-http-app.js';
import { staffRoutes } from '../../src/http/staff/staff-routes.js';
import type { AppContext } from '../../src/app/app-context.js';
import { createBotRegistry } from '../../src/app/create-bot-registry.js';
import { telegramBotWebhookRoutes } from '../../src/channels/telegram/telegram-bot-webhooks.js';
import { WEBHOOK_PATH } from '../../src/channels/telegram/telegram-webhook.js';
import { registerBot } from '../../src/modules/bots/register-bot.js';
import { createBotFakes, type BotFakes } from '../modules/bots/bot-fakes.js';
import { makeCommandUpdate } from '../support/fake-telegram.js';
import { captureIo, TEST_SECRET } from '../support/context.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { createSchoolFixture, createStaff, testContext } from '../support/staff-fixture.js';
import { StaffClient } from '../http/staff/staff-client.js';

const PUBLIC_URL = 'https://vestnik.school.example';
let db: TestDatabase;
let fakes: BotFakes;
let env: Record<string, string>;
let ctx: AppContext;
let app: FastifyInstance;

beforeAll(async () => {
  db = await createTestDatabase();
  fakes = await createBotFakes();
  env = {
    PUBLIC_URL,
    TELEGRAM_MODE: 'webhook',
    TELEGRAM_WEBHOOK_SECRET: 'telegram-webhook-secret-1',
    MAX_MODE: 'webhook',
    MAX_WEBHOOK_SECRET: 'max-webhook-secret-1',
    TELEGRAM_API_ROOT: fakes.telegramRoot,
    MAX_API_ROOT: fakes.maxRoot,
  };
  ctx = testContext(db, env);
  app = await createHttpApp(ctx, { plugins: [staffRoutes] });
});
afterAll(async () => {
  await app.close();
  await fakes.close();
  await db.drop();
});

test('the admin page sets a registered bot’s webhook at its own route with its own secret, and deletes it on removal', async () => {
  const school = await createSchoolFixture(db.prisma, 'Школа № 7', new Date());
  await createStaff(ctx, { schoolId: school.schoolId, role: 'admin', email: 'admin7@school.test' });
  const admin = new StaffClient(app);
  await admin.login('admin7@school.test');
  const telegram = await fakes.addTelegram(8_700_001, 'school7_bot');
  const max = await fakes.addMax(9_700_001, 'school7_max_bot');

  await admin.get('/staff/admin/bots');
  // The fixture's family chats through the shared bots: the school's own replace them.
  expect((await admin.post('/staff/admin/bots', { type: 'telegram', token: telegram.token, replace: 'on' })).statusCode).toBe(303);
  expect((await admin.post('/staff/admin/bots', { type: 'max', token: max.token, replace: 'on' })).statusCode).toBe(303);
  const rows = await db.prisma.bot.findMany({ where: { schoolId: school.schoolId } });
  const telegramId = rows.find((r) => r.type === 'telegram')!.id;
  const maxId = rows.find((r) => r.type === 'max')!.id;

  const set = telegram.fake.callsOf('setWebhook');
  expect(set).toHaveLength(1);
  expect(set[0]!.payload).toMatchObject({ url: `${PUBLIC_URL}/telegram/webhook/${telegramId}`, secret_token: botWebhookSecret(ctx.secret, telegramId) });
  expect(telegram.fake.webhookUrl).toBe(`${PUBLIC_URL}/telegram/webhook/${telegramId}`);
  const subscribed = max.fake.callsOf('POST /subscriptions');
  expect(subscribed).toHaveLength(1);
  expect(subscribed[0]!.body).toMatchObject({ url: `${PUBLIC_URL}/max/webhook/${maxId}`, secret: botWebhookSecret(ctx.secret, maxId) });

  expect((await admin.post('/staff/admin/bots/remove', { type: 'telegram' })).statusCode).toBe(303);
  expect((await admin.post('/staff/admin/bots/remove', { type: 'max' })).statusCode).toBe(303);
  expect(telegram.fake.callsOf('deleteWebhook')).toHaveLength(1);
  expect(telegram.fake.webhookUrl).toBeUndefined();
  expect(max.fake.callsOf('DELETE /subscriptions').map((c) => c.query.url)).toEqual([`${PUBLIC_URL}/max/webhook/${maxId}`]);
  expect(max.fake.callsOf('DELETE /subscriptions')[0]!.status).toBe(200);
});

test('vestnik school update sets the new bots’ webhooks, and --no-…-token deletes them', async () => {
  const schoolId = (await db.prisma.school.create({ data: { name: 'Школа № 8', timezone: 'Europe/Moscow' } })).id;
  const telegram = await fakes.addTelegram(8_800_001, 'school8_bot');
  const max = await fakes.addMax(9_800_001, 'school8_max_bot');
  const cli = async (args: string[]) => {
    const { io, err } = captureIo(db, env);
    expect(await runCli(args, io)).toBe(0);
    expect(err).toEqual([]);
  };

  await cli(['school', 'update', '--school', schoolId, '--telegram-token', telegram.token, '--max-token', max.token]);
  const rows = await db.prisma.bot.findMany({ where: { schoolId } });
  const telegramId = rows.find((r) => r.type === 'telegram')!.id;
  const maxId = rows.find((r) => r.type === 'max')!.id;
  expect(telegram.fake.callsOf('setWebhook').map((c) => c.payload)).toEqual([
    expect.objectContaining({ url: `${PUBLIC_URL}/telegram/webhook/${telegramId}`, secret_token: botWebhookSecret(TEST_SECRET, telegramId) }),
  ]);
  expect(max.fake.callsOf('POST /subscriptions').map((c) => c.body)).toEqual([
    expect.objectContaining({ url: `${PUBLIC_URL}/max/webhook/${maxId}`, secret: botWebhookSecret(TEST_SECRET, maxId) }),
  ]);

  await cli(['school', 'update', '--school', schoolId, '--no-telegram-token', '--no-max-token']);
  expect(telegram.fake.callsOf('deleteWebhook')).toHaveLength(1);
  expect(max.fake.callsOf('DELETE /subscriptions').map((c) => c.query.url)).toEqual([`${PUBLIC_URL}/max/webhook/${maxId}`]);
});

test('in polling mode registering sets no webhook: the bot processes pick the bot up themselves', async () => {
  const schoolId = (await db.prisma.school.create({ data: { name: 'Школа № 9', timezone: 'Europe/Moscow' } })).id;
  const telegram = await fakes.addTelegram(8_900_001, 'school9_bot');
  const { io } = captureIo(db, { TELEGRAM_API_ROOT: fakes.telegramRoot, MAX_API_ROOT: fakes.maxRoot });
  expect(await runCli(['school', 'update', '--school', schoolId, '--telegram-token', telegram.token], io)).toBe(0);
  expect(await db.prisma.bot.count({ where: { schoolId } })).toBe(1);
  expect(telegram.fake.callsOf('setWebhook')).toHaveLength(0);
});

test('a new token of a bot is used for the replies to its webhook without a restart', async () => {
  const web = await createHttpApp(ctx, { plugins: [(scope, c) => telegramBotWebhookRoutes(scope, c, c.logger)] });
  await web.listen({ host: '127.0.0.1', port: 0 });
  try {
    const address = web.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}${WEBHOOK_PATH}`;
    const schoolId = (await db.prisma.school.create({ data: { name: 'Школа № 6', timezone: 'Europe/Moscow' } })).id;
    const registry = createBotRegistry(ctx);
    const first = await fakes.addTelegram(8_600_001, 'school6_bot');
    const { botId } = await registerBot(registry, { schoolId, type: 'telegram', token: first.token, actor: { type: 'admin' } });
    const chat = 6001;
    let updateId = 1;
    const post = async () => {
      const response = await fetch(`${base}/${botId}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': botWebhookSecret(ctx.secret, botId!) },
        body: JSON.stringify(makeCommandUpdate(chat, '/start', undefined, { updateId: (updateId += 1) })),
      });
      expect(response.status).toBe(200);
    };
    // The route answers once the update is handled, so the reply has gone out by then.
    await post();
    expect(first.fake.sentMessages(chat).length).toBeGreaterThan(0);

    const second = await fakes.addTelegram(8_600_001, 'school6_bot');
    expect((await registerBot(registry, { schoolId, type: 'telegram', token: second.token, actor: { type: 'admin' } })).outcome).toBe('token_changed');
    // The web role reads the bots again within a few seconds.
    for (const start = Date.now(); second.fake.sentMessages(chat).length === 0; ) {
      if (Date.now() - start > 30_000) throw new Error('no reply through the new token');
      await new Promise((resolve) => setTimeout(resolve, 250));
      await post();
    }
    const before = first.fake.sentMessages(chat).length;
    await post();
    expect(first.fake.sentMessages(chat).length).toBe(before);
  } finally {
    await web.close();
  }
});
