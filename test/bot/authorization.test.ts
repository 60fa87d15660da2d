// A chat sees only its own linked children: forged buttons and foreign ids are refused and logged.
import { shortId } from '../../src/conversation/format/callback-data.js';
import { chatKey } from '../../src/modules/consent/chat-key.js';
import { TEST_SECRET } from '../support/context.js';
import { startBotHarness, type BotHarness } from './support/bot-harness.js';
import { CHAT, seedSchool, type Seeded } from './support/seed.js';

let h: BotHarness;
let seed: Seeded;

beforeAll(async () => {
  h = await startBotHarness();
  seed = await seedSchool(h.db.prisma);
});
afterAll(() => h.close());

/** Presses a button the bot never offered, pinned to the chat's newest message. */
async function forge(chatId: number, data: string, language?: string) {
  const anchor = await h.ask(chatId, '/help', language);
  const before = h.telegram.callsOf('answerCallbackQuery').length;
  h.telegram.pressButton(chatId, data, anchor.message_id, language ? { language_code: language } : undefined);
  return h.telegram.waitFor(() => h.telegram.callsOf('answerCallbackQuery').slice(before).find((c) => c.response !== undefined));
}

test.each([
  ['another family\'s child', () => `v:marks:${shortId(seed.students.foreign)}`],
  ['a child id that is no uuid', () => 'v:marks:AAAAAAAAAAAAAAAAAAAAA!'],
  ['a garbled child id', () => 'v:notes:not-an-id'],
  ['a foreign child in the acknowledge button', () => `ack:${shortId(seed.students.foreign)}:${shortId(seed.periodId)}`],
  ['a period without final marks in the acknowledge button', () => `ack:${shortId(seed.students.ilya)}:${shortId(seed.periodId)}`],
  ['choosing a foreign child', () => `ch:${shortId(seed.students.foreign)}`],
  ['a tampered range', () => `v:schedule:${shortId(seed.students.ilya)}:x`],
  ['a tampered settings value', () => 'st:dt:0315'],
  ['an unknown settings screen', () => 'st:zz'],
])('refused: %s', async (_name, data) => {
  const before = h.logs.length;
  const answer = await forge(CHAT.ru, data());
  expect(answer.payload.text).toBe('Эти сведения недоступны в этом чате.');
  const refusal = h.logs.slice(before).find((l) => l.msg.includes('refused'));
  // Named by the chat's keyed hash and the kind of button only.
  expect(refusal).toMatchObject({ chat: chatKey(TEST_SECRET, String(CHAT.ru)), button: data().split(':')[0] });
  expect(JSON.stringify(refusal)).not.toContain(String(CHAT.ru));
  // Nothing of the other family was sent to this chat.
  expect(h.telegram.sentMessages(CHAT.ru).some((m) => m.text.includes('Кузнецов'))).toBe(false);
});

test('a refused child id is written to the audit log, naming the chat only by its keyed hash', async () => {
  const rows = await h.db.prisma.auditLog.findMany({ where: { action: 'bot.student_refused', targetId: seed.students.foreign } });
  expect(rows.length).toBeGreaterThan(0);
  expect(rows[0]!.details).toEqual({ chat: chatKey(TEST_SECRET, String(CHAT.ru)), requested: seed.students.foreign });
  expect(await h.db.prisma.acknowledgment.count()).toBe(0);
});

test('refusals speak the parent\'s language', async () => {
  const answer = await forge(CHAT.en, `v:marks:${shortId(seed.students.ilya)}`, 'en');
  expect(answer.payload.text).toBe('This information is not available in this chat.');
});

test('an unlinked chat gets the registration instructions for views and buttons', async () => {
  const reply = await h.ask(CHAT.unlinked, '/marks');
  expect(reply.text).toContain('Этот чат пока не подключён к школе');
  const before = h.mark(CHAT.unlinked);
  h.telegram.pushUpdate({ callback_query: { id: 'q-unlinked', from: { id: CHAT.unlinked, is_bot: false, first_name: 'X', language_code: 'en' }, chat_instance: '1', data: `v:marks:${shortId(seed.students.ilya)}`, message: { message_id: reply.message_id, date: 0, chat: { id: CHAT.unlinked, type: 'private' } } } });
  const again = await h.next(CHAT.unlinked, before);
  expect(again.text).toContain('This chat is not connected to a school yet');
  expect(h.telegram.sentMessages(CHAT.unlinked).some((m) => m.text.includes('Петров'))).toBe(false);
});

test('a withdrawn guardian\'s chat is no longer linked', async () => {
  await h.db.prisma.guardian.update({ where: { id: seed.guardians.other }, data: { status: 'withdrawn' } });
  const reply = await h.ask(CHAT.other, '/marks');
  expect(reply.text).toContain('Этот чат пока не подключён к школе');
});
