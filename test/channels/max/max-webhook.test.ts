// MAX in webhook mode over real HTTP: the service's plugin subscribes the bot with the
// fake MAX, which then POSTs each update to /max/webhook with its secret header.
import { createServer } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { createMaxBot } from '../../../src/channels/max/create-max-bot.js';
import { MAX_WEBHOOK_PATH, maxWebhookPlugin, maxWebhookRoutes } from '../../../src/channels/max/max-webhook.js';
import { maxUpdateKey } from '../../../src/channels/max/read-max-update.js';
import { createHttpApp } from '../../../src/http/create-http-app.js';
import { httpPlugins } from '../../../src/service/components.js';
import { issueConsentCodes } from '../../../src/modules/consent/issue-consent-codes.js';
import { recordConsent } from '../../../src/modules/consent/record-consent.js';
import { memoryLogger, type LogEntry } from '../../bot/support/bot-harness.js';
import { seedRoster, type Roster } from '../../modules/consent/seed-roster.js';
import { testContext, TEST_SECRET } from '../../support/context.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { maxFaults } from '../../support/fake-max/faults.js';
import { createFakeMax, type FakeMax } from '../../support/fake-max/server.js';
import type { MaxUpdate } from '../../support/fake-max/types.js';

const TOKEN = 'max-test-token-webhook-0123';
const SECRET = 'max_webhook-secret-42';
const USER = 601;
let db: TestDatabase;
let max: FakeMax;
let roster: Roster;
let app: FastifyInstance;
let url: string;
const logs: LogEntry[] = [];

/** A port nobody listens on, so PUBLIC_URL can name the app before it starts. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

beforeAll(async () => {
  db = await createTestDatabase();
  roster = await seedRoster(db.prisma, { students: ['Петрова Мария Александровна'] });
  max = await createFakeMax({ token: TOKEN });
  const port = await freePort();
  const env = { MAX_BOT_TOKEN: TOKEN, MAX_API_ROOT: max.apiRoot, MAX_MODE: 'webhook', MAX_WEBHOOK_SECRET: SECRET, PUBLIC_URL: `http://127.0.0.1:${port}` };
  const ctx = { ...testContext(db, env), logger: memoryLogger(logs) };
  app = await createHttpApp(ctx, { plugins: [maxWebhookPlugin()] });
  await app.listen({ host: '127.0.0.1', port });
  url = `http://127.0.0.1:${port}${MAX_WEBHOOK_PATH}`;
  // The subscription is made once the server listens, without holding the listen up.
  await max.waitFor(() => max.callsOf('POST /subscriptions')[0]);
});

afterAll(async () => {
  await app.close();
  await max.close();
  await db.drop();
});

afterEach(() => expect(logs.filter((entry) => entry.level >= 50)).toEqual([]));

const post = (body: unknown, secret?: string) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(secret === undefined ? {} : { 'x-max-bot-api-secret': secret }) }, body: JSON.stringify(body) });

const deliveriesOf = (update: MaxUpdate) => max.webhookDeliveries.filter((d) => d.update === update);

/** The text of message #index to the user once it satisfies the predicate (edits change it in place). */
async function textOf(index: number, predicate: (text: string) => boolean = () => true): Promise<string> {
  await max.waitForMessage(USER, index);
  return max.waitFor(() => {
    const text = max.sentTo(USER)[index]!.text;
    return predicate(text) ? text : undefined;
  });
}

test('on start the bot subscribes /max/webhook at the public address with the secret', () => {
  const [subscription] = max.callsOf('POST /subscriptions');
  expect(subscription).toMatchObject({ status: 200, body: { url, secret: SECRET } });
  expect(subscription!.body!.update_types).toEqual(expect.arrayContaining(['bot_started', 'message_created', 'message_callback', 'bot_stopped']));
});

test('a parent registers by the deep link with every update arriving over the webhook', async () => {
  const code = (await issueConsentCodes(db.prisma, TEST_SECRET, { schoolId: roster.schoolId, classExternalId: 'c-5a' })).codes[0]!;
  const { guardianId } = await recordConsent(db.prisma, TEST_SECRET, { schoolId: roster.schoolId, code: code.code, decision: 'signed', guardianName: 'Петрова Анна' });
  max.startBot(USER, code.code);
  expect(await textOf(0)).toContain('Ребёнок: Мария П.');
  max.pressButton(USER, `reg:ok:${code.code.replace(/-/g, '')}`);
  expect(await textOf(0, (t) => t.startsWith('Готово!'))).toMatch(/^Готово! Чат подключён: Мария П., 5А/);
  expect(await db.prisma.channel.findMany({ where: { address: String(USER) } })).toMatchObject([{ guardianId, type: 'max', verified: true, active: true }]);
  expect(max.webhookDeliveries.map((d) => [d.update.update_type, d.status, d.secret])).toEqual([
    ['bot_started', 200, SECRET],
    ['message_callback', 200, SECRET],
  ]);
});

test('a missing secret is 401, a wrong one 403, a body that is no update 400; none reaches the bot', async () => {
  const sent = max.sent.length;
  const update = { update_type: 'message_created', timestamp: 1, message: { sender: { user_id: USER }, recipient: { chat_type: 'dialog' }, body: { mid: 'mid.forged', text: '/marks' } } };
  expect((await post(update)).status).toBe(401);
  expect((await post(update, 'wrong-secret')).status).toBe(403);
  expect((await post(update, `${SECRET}x`)).status).toBe(403);
  expect((await post({ hello: 1 }, SECRET)).status).toBe(400);
  expect(await db.prisma.processedMaxUpdate.count({ where: { key: 'msg:mid.forged' } })).toBe(0);
  expect(max.sent.length).toBe(sent);
});

test('a delivery MAX repeats is answered 200 and handled once', async () => {
  const before = max.sentTo(USER).length;
  const update = max.sendText(USER, '/marks');
  expect(await textOf(before)).toContain('<b>Отметки</b>');
  max.redeliver(update);
  await max.waitFor(() => (logs.some((e) => e.msg === 'MAX delivered an update already handled; dropped' && e.key === maxUpdateKey(update)) ? true : undefined));
  expect(deliveriesOf(update).map((d) => d.status)).toEqual([200, 200]);
  expect(max.sentTo(USER)).toHaveLength(before + 1);
  expect(await db.prisma.viewEvent.count({ where: { view: 'marks' } })).toBe(1);
  expect(await db.prisma.processedMaxUpdate.count({ where: { key: maxUpdateKey(update) } })).toBe(1);
});

test('a reply MAX is slow to take does not hold the 200 back', async () => {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const held = max.addFault({ route: 'POST /messages', userId: USER, times: 1, fault: maxFaults.holdUntil(gate) });
  const before = max.sentTo(USER).length;
  const update = max.sendText(USER, '/help');
  // MAX has its 200 while the reply is still held at MAX's door.
  await max.waitFor(() => (deliveriesOf(update).length > 0 ? true : undefined));
  expect(deliveriesOf(update).map((d) => d.status)).toEqual([200]);
  await max.waitFor(() => (held.hits() === 1 ? true : undefined));
  expect(max.sentTo(USER)).toHaveLength(before);
  release();
  expect(await textOf(before)).toContain('/marks');
});

test('the web role serves /max/webhook in webhook mode only', async () => {
  const statusIn = async (env: NodeJS.ProcessEnv) => {
    const ctx = { ...testContext(db, { MAX_BOT_TOKEN: TOKEN, MAX_API_ROOT: max.apiRoot, ...env }), logger: memoryLogger(logs) };
    const web = await createHttpApp(ctx, { plugins: await httpPlugins(ctx) });
    try {
      return (await web.inject({ method: 'POST', url: MAX_WEBHOOK_PATH, payload: {} })).statusCode;
    } finally {
      await web.close();
    }
  };
  expect(await statusIn({ MAX_MODE: 'webhook', MAX_WEBHOOK_SECRET: SECRET })).toBe(401);
  expect(await statusIn({ MAX_MODE: 'polling' })).toBe(404);
});

test('past the concurrency limit an update waits its turn after its 200, and is then handled', async () => {
  const ctx = { ...testContext(db, { MAX_BOT_TOKEN: TOKEN, MAX_API_ROOT: max.apiRoot, MAX_MODE: 'webhook', MAX_WEBHOOK_SECRET: SECRET }), logger: memoryLogger(logs) };
  const bot = createMaxBot({ config: ctx.config, prisma: db.prisma, logger: ctx.logger, secret: TEST_SECRET });
  const one = await createHttpApp(ctx, { plugins: [(scope) => void maxWebhookRoutes(scope, ctx, bot, ctx.logger, { concurrency: 1 })] });
  await one.listen({ host: '127.0.0.1', port: 0 });
  try {
    const address = `http://127.0.0.1:${(one.server.address() as { port: number }).port}${MAX_WEBHOOK_PATH}`;
    const help = (userId: number, mid: string) => ({ update_type: 'message_created', timestamp: Date.now(), user_locale: 'ru', message: { sender: max.person(userId).user, recipient: { chat_type: 'dialog' }, body: { mid, text: '/help' } } });
    const deliver = (update: unknown) => fetch(address, { method: 'POST', headers: { 'content-type': 'application/json', 'x-max-bot-api-secret': SECRET }, body: JSON.stringify(update) });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const held = max.addFault({ route: 'POST /messages', userId: 611, times: 1, fault: maxFaults.holdUntil(gate) });
    expect((await deliver(help(611, 'mid.limit-first'))).status).toBe(200);
    await max.waitFor(() => (held.hits() === 1 ? true : undefined));
    // The only slot is taken by the first parent's update: the second is accepted and waits.
    expect((await deliver(help(612, 'mid.limit-second'))).status).toBe(200);
    expect(await db.prisma.processedMaxUpdate.count({ where: { key: 'msg:mid.limit-second' } })).toBe(0);
    expect(max.sentTo(612)).toHaveLength(0);
    release();
    await max.waitForMessage(612, 0);
    expect(max.sentTo(611)).toHaveLength(1);
  } finally {
    await one.close();
  }
});
