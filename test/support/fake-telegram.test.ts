import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { autoRetry } from '@grammyjs/auto-retry';
import { run } from '@grammyjs/runner';
import { Bot, GrammyError, HttpError, InlineKeyboard, InputFile, webhookCallback } from 'grammy';

import {
  createFakeTelegram,
  faults,
  inlineButtons,
  makeCommandUpdate,
  makeTextUpdate,
  type FakeTelegram,
} from './fake-telegram.js';

const TOKEN = '123456:TEST-TOKEN';

// Compile-time guard: the builders must produce what grammY accepts as an update.
type GrammyUpdate = Parameters<Bot['handleUpdate']>[0];
const builtUpdateIsValid: GrammyUpdate = makeTextUpdate(1, 'type check');
void builtUpdateIsValid;

/** A small bot with the shapes Vestnik's bot uses: commands, replies, buttons. */
function createBot(apiRoot: string, timeoutSeconds?: number): Bot {
  const bot = new Bot(TOKEN, {
    client: { apiRoot, ...(timeoutSeconds === undefined ? {} : { timeoutSeconds }) },
  });
  bot.command('start', (ctx) =>
    ctx.reply(`Здравствуйте! ${ctx.match}`.trim(), {
      reply_markup: new InlineKeyboard().text('Подтвердить', 'confirm:1'),
    }),
  );
  bot.callbackQuery(/^confirm:(\d+)$/, async (ctx) => {
    await ctx.answerCallbackQuery({ text: 'Готово' });
    await ctx.editMessageText('Подтверждено');
  });
  bot.on('message:text', (ctx) =>
    ctx.reply(`<b>echo</b> (${ctx.from.language_code ?? '?'}): ${ctx.message.text}`, { parse_mode: 'HTML' }),
  );
  bot.catch((err) => {
    throw err.error;
  });
  return bot;
}

describe('fake Telegram with a polling bot (bot.start)', () => {
  let telegram: FakeTelegram;
  let bot: Bot;
  let polling: Promise<void>;

  beforeEach(async () => {
    telegram = await createFakeTelegram();
    bot = createBot(telegram.apiRoot);
    await new Promise<void>((resolve, reject) => {
      polling = bot.start({ onStart: () => resolve() });
      polling.catch(reject);
    });
  });

  afterEach(async () => {
    await bot.stop();
    await polling;
    await telegram.close();
  });

  it('delivers /start and text to the bot and records its replies', async () => {
    expect(bot.botInfo.username).toBe('vestnik_test_bot');
    expect(telegram.callsOf('deleteWebhook')).toHaveLength(1);

    const start = telegram.sendCommand(42, '/start', 'invite-code');
    const greeting = await telegram.waitForMessage(42);
    expect(greeting).toMatchObject({ method: 'sendMessage', chat_id: 42, text: 'Здравствуйте! invite-code' });
    expect(greeting.message_id).toBe((start.message?.message_id ?? 0) + 1);
    expect(inlineButtons(greeting).map((b) => b.callback_data)).toEqual(['confirm:1']);

    telegram.sendText(42, 'Когда собрание?');
    const echo = await telegram.waitForMessage(42);
    expect(echo.text).toBe('<b>echo</b> (ru): Когда собрание?');
    expect(echo.parse_mode).toBe('HTML');

    telegram.sendText(42, 'Hello', { language_code: 'en', id: 4242 });
    expect((await telegram.waitForMessage(42)).text).toBe('<b>echo</b> (en): Hello');

    expect(telegram.sentMessages(42)).toHaveLength(3);
    expect(telegram.sentMessages(43)).toHaveLength(0);
  });

  it('routes button presses to the message that carried the button', async () => {
    telegram.sendCommand(7, 'start');
    const greeting = await telegram.waitForMessage(7);

    telegram.pressButton(7, 'confirm:1');
    const answer = await telegram.waitForCall('answerCallbackQuery');
    expect(answer.payload.text).toBe('Готово');
    const edited = await telegram.waitForMessage(7);
    expect(edited).toMatchObject({ method: 'editMessageText', message_id: greeting.message_id, text: 'Подтверждено' });

    expect(() => telegram.pressButton(7, 'unknown')).toThrow(/No bot message/);
  });
});

describe('fake Telegram with @grammyjs/runner', () => {
  it('serves long polling to run()', async () => {
    const telegram = await createFakeTelegram({ botUsername: 'school_bot' });
    const bot = createBot(telegram.apiRoot);
    const runner = run(bot);
    try {
      telegram.sendCommand(5, '/start@school_bot');
      expect((await telegram.waitForMessage(5)).text).toBe('Здравствуйте!');
    } finally {
      await runner.stop();
      await telegram.close();
    }
  });
});

describe('fake Telegram Bot API behaviour', () => {
  let telegram: FakeTelegram;
  let bot: Bot;

  beforeEach(async () => {
    telegram = await createFakeTelegram();
    bot = createBot(telegram.apiRoot);
  });

  afterEach(async () => {
    await telegram.close();
  });

  it('holds getUpdates until an update arrives and honours offset', async () => {
    const started = Date.now();
    expect(await bot.api.getUpdates({ timeout: 1 })).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);

    const held = bot.api.getUpdates({ timeout: 10 });
    await telegram.waitFor((calls) => calls.filter((c) => c.method === 'getUpdates').length === 2);
    const sent = telegram.sendText(1, 'Привет');
    const [received] = await held;
    expect(received?.update_id).toBe(sent.update_id);

    // Unconfirmed updates are delivered again; a higher offset confirms them.
    expect(await bot.api.getUpdates({ timeout: 0 })).toHaveLength(1);
    expect(await bot.api.getUpdates({ offset: sent.update_id + 1, timeout: 0 })).toEqual([]);
    expect(telegram.pendingUpdates()).toBe(0);
  });

  it('makes auto-retry wait out a 429 and then succeed', async () => {
    bot.api.config.use(autoRetry());
    const rule = telegram.addFault({ method: 'sendMessage', chatId: 7, times: 1, fault: faults.tooManyRequests(1) });

    const started = Date.now();
    const message = await bot.api.sendMessage(7, 'Новая оценка: 5');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(message).toMatchObject({ chat: { id: 7, type: 'private' }, text: 'Новая оценка: 5', from: { is_bot: true } });

    const attempts = telegram.callsOf('sendMessage');
    expect(attempts.map((c) => c.response?.ok)).toEqual([false, true]);
    expect(attempts[0]?.response).toMatchObject({ error_code: 429, parameters: { retry_after: 1 } });
    expect(rule.hits).toBe(1);
    expect(rule.remaining).toBe(0);
  });

  it('surfaces a blocked parent as GrammyError 403, even with auto-retry', async () => {
    bot.api.config.use(autoRetry());
    telegram.addFault({ chatId: 8, fault: faults.blocked() });

    const error: unknown = await bot.api.sendMessage(8, 'Оценка').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrammyError);
    expect(error).toMatchObject({ error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    // "Always" rules keep applying; other chats are unaffected.
    await expect(bot.api.sendMessage(8, 'Оценка')).rejects.toMatchObject({ error_code: 403 });
    await expect(bot.api.sendMessage(9, 'Оценка')).resolves.toMatchObject({ chat: { id: 9 } });
    expect(telegram.callsOf('sendMessage')).toHaveLength(3);
  });

  it('injects 400, 500 and dropped connections', async () => {
    telegram.addFault({ method: 'sendMessage', times: 1, fault: faults.chatNotFound() });
    telegram.addFault({ method: 'sendMessage', times: 1, fault: faults.serverError() });
    await expect(bot.api.sendMessage(1, 'a')).rejects.toMatchObject({ error_code: 400, description: 'Bad Request: chat not found' });
    await expect(bot.api.sendMessage(1, 'a')).rejects.toMatchObject({ error_code: 500 });

    telegram.addFault({ method: 'sendMessage', times: 1, fault: faults.dropConnection() });
    await expect(bot.api.sendMessage(1, 'a')).rejects.toBeInstanceOf(HttpError);
    await expect(bot.api.sendMessage(1, 'a')).resolves.toMatchObject({ text: 'a' });
  });

  it('delays answers past the client timeout but still delivers, like Telegram', async () => {
    const impatient = createBot(telegram.apiRoot, 0.2);
    telegram.addFault({ method: 'sendMessage', chatId: 3, times: 1, fault: faults.delay(500) });

    await expect(impatient.api.sendMessage(3, 'Собрание в 18:00')).rejects.toBeInstanceOf(HttpError);
    expect(telegram.sentMessages(3)).toHaveLength(0);
    expect((await telegram.waitForMessage(3)).text).toBe('Собрание в 18:00');
  });

  it('enforces flood limits and counts the 429s it gives', async () => {
    telegram.setRateLimit({ perChatPerSecond: 1, globalPerSecond: 2 });

    await bot.api.sendMessage(1, 'first');
    await expect(bot.api.sendMessage(1, 'second')).rejects.toMatchObject({
      error_code: 429,
      parameters: { retry_after: 1 },
    });
    await bot.api.sendMessage(2, 'other chat');
    await expect(bot.api.sendMessage(3, 'over the global limit')).rejects.toMatchObject({ error_code: 429 });
    expect(telegram.stats.tooManyRequests).toBe(2);

    bot.api.config.use(autoRetry());
    await expect(bot.api.sendMessage(1, 'retried')).resolves.toMatchObject({ text: 'retried' });
    expect(telegram.sentMessages(1).map((m) => m.text)).toEqual(['first', 'retried']);
  });

  it('rejects HTML Telegram cannot parse and oversized callback data', async () => {
    await expect(bot.api.sendMessage(1, 'Средний балл <5', { parse_mode: 'HTML' })).rejects.toMatchObject({
      error_code: 400,
      description: expect.stringContaining("can't parse entities") as unknown,
    });
    await expect(bot.api.sendMessage(1, 'Средний балл &lt;5', { parse_mode: 'HTML' })).resolves.toBeDefined();
    await expect(
      bot.api.sendMessage(1, 'x', { reply_markup: new InlineKeyboard().text('x', 'd'.repeat(65)) }),
    ).rejects.toMatchObject({ description: 'Bad Request: BUTTON_DATA_INVALID' });
  });

  it('records multipart uploads and urlencoded or unknown calls', async () => {
    const csv = Buffer.from('ФИО;Оценка\nИванов;5\n');
    const message = await bot.api.sendDocument(5, new InputFile(csv, 'marks.csv'), { caption: 'Оценки' });
    expect(message.document).toMatchObject({ file_name: 'marks.csv', mime_type: 'text/csv', file_size: csv.length });
    const [upload] = telegram.callsOf('sendDocument');
    expect(upload?.payload).toMatchObject({ chat_id: 5, caption: 'Оценки' });
    expect(upload?.files.document?.data.equals(csv)).toBe(true);

    const form = await fetch(`${telegram.apiRoot}/bot${TOKEN}/sendMessage`, {
      method: 'POST',
      body: new URLSearchParams({ chat_id: '11', text: '42' }),
    });
    expect(form.status).toBe(200);
    expect(telegram.sentMessages(11)).toMatchObject([{ chat_id: 11, text: '42' }]);

    const unknown = await fetch(`${telegram.apiRoot}/bot${TOKEN}/sendTelepathy`, { method: 'POST' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ ok: false, error_code: 404, description: 'Not Found: method not found' });
  });

  it('stores commands and webhook settings', async () => {
    await bot.api.setMyCommands([{ command: 'start', description: 'Начать' }], { language_code: 'ru' });
    expect(await bot.api.getMyCommands({ language_code: 'ru' })).toEqual([{ command: 'start', description: 'Начать' }]);
    expect(await bot.api.getMyCommands()).toEqual([]);
    await bot.api.deleteMyCommands({ language_code: 'ru' });
    expect(await bot.api.getMyCommands({ language_code: 'ru' })).toEqual([]);
    await expect(bot.api.setMyCommands([{ command: 'Start', description: 'x' }])).rejects.toMatchObject({ error_code: 400 });

    await bot.api.setChatMenuButton({ menu_button: { type: 'commands' } });
    await bot.api.setWebhook('https://vestnik.example/telegram');
    expect(telegram.webhookUrl).toBe('https://vestnik.example/telegram');
    await expect(bot.api.getUpdates()).rejects.toMatchObject({ error_code: 409 });
    await bot.api.deleteWebhook();
    expect(telegram.webhookUrl).toBeUndefined();
  });
});

describe('fake Telegram with a webhook bot', () => {
  let telegram: FakeTelegram;
  let server: Server;

  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
    await telegram.close();
  });

  it('answers an update the test POSTs to the webhook', async () => {
    telegram = await createFakeTelegram();
    const bot = createBot(telegram.apiRoot);
    await bot.init();
    server = createServer(webhookCallback(bot, 'http'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;

    const response = await fetch(`http://127.0.0.1:${port}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', connection: 'close' },
      body: JSON.stringify(makeCommandUpdate(77, '/start', 'from-webhook')),
    });
    expect(response.status).toBe(200);
    expect((await telegram.waitForMessage(77)).text).toBe('Здравствуйте! from-webhook');
  });
});
