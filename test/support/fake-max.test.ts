// The fake MAX Bot API answers the official SDK as MAX does.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Bot, Keyboard, MaxError } from '@maxhub/max-bot-api';
import { createFakeMax, type FakeMax } from './fake-max/server.js';

let max: FakeMax;
let bot: Bot;
beforeEach(async () => {
  max = await createFakeMax({ token: 'token-1', perSecond: 10 });
  bot = new Bot('token-1', { clientOptions: { baseUrl: max.apiRoot } });
});
afterEach(async () => {
  await max.close();
});

test('GET /me with the token; a wrong token is 401', async () => {
  expect(await bot.api.getMyInfo()).toMatchObject({ user_id: max.bot.user_id, is_bot: true, username: 'vestnik_school_bot' });
  const stranger = new Bot('token-2', { clientOptions: { baseUrl: max.apiRoot } });
  await expect(stranger.api.getMyInfo()).rejects.toBeInstanceOf(MaxError);
  expect(max.calls.at(-1)?.status).toBe(401);
});

test('a deep link start arrives by long polling with its payload; the marker confirms it', async () => {
  max.startBot(501, 'A5CP-CKYD-NY06-M5');
  const first = await bot.api.getUpdates(undefined, { timeout: 1 });
  expect(first.updates).toEqual([expect.objectContaining({ update_type: 'bot_started', payload: 'A5CP-CKYD-NY06-M5', user: expect.objectContaining({ user_id: 501 }) })]);
  const polling = bot.api.getUpdates(undefined, { timeout: 5, marker: first.marker });
  max.sendText(501, '/marks');
  const second = await polling;
  expect(second.updates.map((u) => u.update_type)).toEqual(['message_created']);
  expect((await bot.api.getUpdates(undefined, { timeout: 1, marker: second.marker })).updates).toEqual([]);
});

test('messages with HTML and buttons go to users who started the bot; presses come back and are answered', async () => {
  await expect(bot.api.sendMessageToUser(502, 'Здравствуйте')).rejects.toMatchObject({ status: 403 });
  max.startBot(502);
  const sent = await bot.api.sendMessageToUser(502, '<b>Отметки</b>', { format: 'html', attachments: [Keyboard.inlineKeyboard([[Keyboard.button.callback('Прочитал', 'ack:1')]])] });
  expect(sent.body.text).toBe('<b>Отметки</b>');
  expect(max.sentTo(502)[0]).toMatchObject({ format: 'html', buttons: [[{ type: 'callback', text: 'Прочитал', payload: 'ack:1' }]] });
  const press = max.pressButton(502, 'ack:1');
  const callbackId = (press.callback as { callback_id: string }).callback_id;
  await bot.api.answerOnCallback(callbackId, { message: { text: 'Спасибо, отмечено', attachments: [] } });
  expect(max.sentTo(502)[0]).toMatchObject({ text: 'Спасибо, отмечено', edited: true, buttons: [] });
  await expect(bot.api.sendMessageToUser(502, 'x'.repeat(4001))).rejects.toMatchObject({ status: 400 });
  await expect(bot.api.sendMessageToUser(502, 'a < b', { format: 'html' })).rejects.toMatchObject({ status: 400 });
  max.stopBot(502);
  await expect(bot.api.sendMessageToUser(502, 'ещё')).rejects.toMatchObject({ status: 403 });
});

test('above the bot’s rate MAX answers 429; injected faults answer instead of the call', async () => {
  max.startBot(503);
  const results = await Promise.allSettled(Array.from({ length: 15 }, (_, i) => bot.api.sendMessageToUser(503, `№${i}`)));
  expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
  expect(max.stats.tooManyRequests).toBe(5);
  await new Promise((resolve) => setTimeout(resolve, 1100));
  max.addFault({ route: 'POST /messages', times: 1, fault: { kind: 'error', status: 503, code: 'service.unavailable', message: 'try later' } });
  await expect(bot.api.sendMessageToUser(503, 'a')).rejects.toMatchObject({ status: 503 });
  await expect(bot.api.sendMessageToUser(503, 'b')).resolves.toBeDefined();
});

test('with a subscription, updates are posted to the webhook with the secret header', async () => {
  const received: Array<{ secret: string | undefined; body: string }> = [];
  const hook = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ secret: req.headers['x-max-bot-api-secret'] as string | undefined, body });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/max/webhook`;
    await bot.api.subscribe(url, 'hook-secret-1');
    expect((await bot.api.getSubscriptions()).map((s) => s.url)).toEqual([url]);
    max.startBot(504, 'code');
    for (let i = 0; i < 100 && received.length === 0; i += 1) await new Promise((r) => setTimeout(r, 10));
    expect(received).toEqual([{ secret: 'hook-secret-1', body: expect.stringContaining('"update_type":"bot_started"') }]);
    await bot.api.unsubscribe(url);
    expect(await bot.api.getSubscriptions()).toEqual([]);
  } finally {
    await new Promise<void>((resolve) => hook.close(() => resolve()));
  }
});

test('a stopped bot is 403 chat.denied (dialog suspended), a removed dialog 404 chat.not.found; a restart opens it again', async () => {
  max.startBot(505);
  max.stopBot(505);
  await expect(bot.api.sendMessageToUser(505, 'a')).rejects.toMatchObject({ status: 403, code: 'chat.denied', description: expect.stringContaining('error.dialog.suspended') });
  max.removeDialog(505);
  await expect(bot.api.sendMessageToUser(505, 'b')).rejects.toMatchObject({ status: 404, code: 'chat.not.found' });
  max.startBot(505);
  await expect(bot.api.sendMessageToUser(505, 'c')).resolves.toBeDefined();
});

test('a hung request is never answered and delivers nothing; a fraction spreads a fault evenly; reset forgets everything', async () => {
  max.startBot(506);
  max.addFault({ route: 'POST /messages', times: 1, fault: { kind: 'hang' } });
  await expect(bot.api.sendMessageToUser(506, 'повиснет', { signal: AbortSignal.timeout(300) })).rejects.toMatchObject({ name: 'TimeoutError' });
  expect(max.sentTo(506)).toHaveLength(0);
  expect(max.callsOf('POST /messages')).toEqual([expect.objectContaining({ status: 0 })]);
  max.setRateLimit(false);
  max.addFault({ route: 'POST /messages', fraction: 0.25, fault: { kind: 'error', status: 500, code: 'internal.error', message: 'x' } });
  const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => bot.api.sendMessageToUser(506, `№${i}`)));
  expect(results.map((r) => r.status === 'rejected')).toEqual([false, false, false, true, false, false, false, true, false, false, false, true]);
  expect(max.stats).toEqual({ tooManyRequests: 0, injected: 4 });
  max.reset();
  expect([max.sent.length, max.calls.length, max.stats.injected]).toEqual([0, 0, 0]);
});
