// Long texts, failures inside handlers and at start, Telegram's flood limits, and settings.
import { inlineButtons, type SentMessage } from '../support/fake-telegram.js';
import { TELEGRAM_MESSAGE_LIMIT } from '../../src/lib/split-message.js';
import { chatKey } from '../../src/modules/consent/chat-key.js';
import { TEST_SECRET } from '../support/context.js';
import { startBotHarness, type BotHarness } from './support/bot-harness.js';
import { CHAT, seedSchool, type Seeded } from './support/seed.js';

let h: BotHarness;
let seed: Seeded;

beforeAll(async () => {
  // Non-essential calls at start fail: the bot must log it and run on.
  h = await startBotHarness({ beforeStart: (t) => void t.addFault({ method: 'setMyCommands', fault: { kind: 'error', errorCode: 400, description: 'Bad Request: commands failed' } }) });
  seed = await seedSchool(h.db.prisma);
});
afterAll(() => h.close());

const data = (message: { reply_markup?: unknown }, text: string) => inlineButtons(message as never).find((b) => b.text.includes(text))!.callback_data!;

test('a failed setMyCommands at start is logged and the bot answers anyway', async () => {
  expect(h.logs.some((l) => l.msg.includes('could not register the bot commands'))).toBe(true);
  expect((await h.ask(CHAT.ru, '/tests')).text).toContain('Дроби');
});

test('a text over 4096 characters is split at line boundaries, markup intact', async () => {
  const line = 'Очень подробная рекомендация <с угловыми скобками> & амперсандами. '.repeat(12);
  await h.db.prisma.recommendation.createMany({
    data: Array.from({ length: 9 }, (_, i) => ({ schoolId: seed.schoolId, externalId: `long${i}`, studentId: seed.students.ilya, date: new Date(Date.UTC(2020, 0, i + 1)), text: `№${i} ${line}` })),
  });
  const first = h.mark(CHAT.ru);
  h.telegram.sendCommand(CHAT.ru, '/notes');
  const last = await h.next(CHAT.ru, first, (m) => inlineButtons(m as never).length > 0);
  const parts = h.telegram.sentMessages(CHAT.ru).slice(first);
  expect(parts.length).toBeGreaterThan(1);
  expect(parts.at(-1)).toEqual(last);
  for (const part of parts) {
    expect(part.text.length).toBeLessThanOrEqual(TELEGRAM_MESSAGE_LIMIT);
    expect(part.parse_mode).toBe('HTML');
  }
  const all = parts.map((p) => p.text).join('\n');
  for (let i = 0; i < 9; i++) expect(all).toContain(`№${i} Очень подробная`);
  expect(all).toContain('Илья &lt;b&gt;молодец');
});

test('a handler that throws: the parent gets a polite message, the error is logged with what kind of update it was, the bot runs on', async () => {
  await h.db.pool.query('ALTER TABLE homework RENAME TO homework_unavailable');
  try {
    const reply = await h.ask(CHAT.ru, '/homework');
    expect(reply.text).toBe('Извините, что-то пошло не так. Мы уже разбираемся — попробуйте, пожалуйста, ещё раз чуть позже.');
    const logged = h.logs.find((l) => l.msg === 'bot update failed');
    expect(logged).toMatchObject({ channel: 'telegram', kind: 'command', command: '/homework', chat: chatKey(TEST_SECRET, String(CHAT.ru)) });
    expect((await h.ask(CHAT.en, '/homework', 'en')).text).toBe('Sorry, something went wrong. We are looking into it — please try again a little later.');
  } finally {
    await h.db.pool.query('ALTER TABLE homework_unavailable RENAME TO homework');
  }
  expect((await h.ask(CHAT.ru, '/homework')).text).toContain('№ 123');
});

test('429 from Telegram: the reply is retried after retry_after', async () => {
  h.telegram.addFault({ method: 'sendMessage', chatId: CHAT.ru, times: 1, fault: { kind: 'error', errorCode: 429, description: 'Too Many Requests: retry after 1', retryAfter: 1 } });
  const reply = await h.ask(CHAT.ru, '/holidays');
  expect(reply.text).toContain('Осенние каникулы');
});

test('updates of one chat are handled in order', async () => {
  const first = h.mark(CHAT.ru);
  for (const command of ['/tests', '/holidays', '/teachers', '/notes', '/schedule']) h.telegram.sendCommand(CHAT.ru, command);
  await h.telegram.waitFor(() => h.telegram.sentMessages(CHAT.ru).slice(first).filter((m) => inlineButtons(m as never).length > 0).length >= 5 || undefined, 20_000);
  const titles = h.telegram.sentMessages(CHAT.ru).slice(first).map((m) => m.text.split('\n')[0]).filter((t) => t !== undefined && t.startsWith('<b>'));
  expect(titles.map((t) => t!.replace(/<\/?b>/g, '').split(':')[0])).toEqual(['Контрольные работы', 'Каникулы', 'Учителя класса', 'Рекомендации учителей', 'Расписание']);
});

/** Presses a button of a settings screen and resolves with the screen as redrawn in place. */
async function edit(screen: SentMessage, label: string): Promise<SentMessage> {
  const before = h.mark(CHAT.ru);
  h.telegram.pressButton(CHAT.ru, data(screen, label), screen.message_id);
  return h.next(CHAT.ru, before, (m) => m.method === 'editMessageText' && m.message_id === screen.message_id);
}

describe('settings', () => {
  test('digest frequency, day and time; instant alerts; quiet hours', async () => {
    const main = await h.ask(CHAT.ru, '/settings');
    expect(main.text).toContain('раз в неделю, пятница, 18:00');
    expect(main.text).toContain('Об итоговых отметках сообщаем всегда');
    let screen = await edit(main, 'Сводка');
    for (const label of ['раз в две недели', 'Пн', '08:00']) screen = await edit(screen, label);
    expect(screen.text).toContain('раз в две недели, понедельник, 08:00');
    let pref = await h.db.prisma.notificationPreference.findFirstOrThrow({ where: { guardianId: seed.guardians.ru } });
    expect(pref).toMatchObject({ digestFrequency: 'biweekly', digestWeekday: 1, digestTime: '08:00' });

    const toggled = await edit(await edit(screen, 'Настройки'), 'Уведомления').then((s) => edit(s, 'новые отметки'));
    expect(inlineButtons(toggled as never).find((b) => b.text.includes('новые отметки'))!.text).toContain('✅');
    await edit(await edit(await edit(toggled, 'Настройки'), 'Тихие часы'), '22:00–07:00');
    pref = await h.db.prisma.notificationPreference.findFirstOrThrow({ where: { guardianId: seed.guardians.ru } });
    expect(pref).toMatchObject({ instantMarks: true, quietFrom: '22:00', quietTo: '07:00' });
  });

  test('channels: switch email on, telegram off; the last enabled one cannot be switched off', async () => {
    const channels = await edit(await h.ask(CHAT.ru, '/settings'), 'Каналы');
    const withEmail = await edit(channels, 'Эл. почта');
    const withoutTelegram = await edit(withEmail, 'Telegram');
    const before = h.telegram.callsOf('answerCallbackQuery').length;
    h.telegram.pressButton(CHAT.ru, data(withoutTelegram, 'Эл. почта'), withoutTelegram.message_id);
    const refused = await h.telegram.waitFor(() => h.telegram.callsOf('answerCallbackQuery').slice(before).find((c) => c.response));
    expect(refused.payload).toMatchObject({ show_alert: true, text: expect.stringContaining('Нельзя отключить последний канал') });
    const rows = await h.db.prisma.channel.findMany({ where: { guardianId: seed.guardians.ru }, orderBy: { type: 'asc' } });
    expect(rows.map((r) => [r.type, r.enabled])).toEqual([['telegram', false], ['email', true]]);
  });
});
