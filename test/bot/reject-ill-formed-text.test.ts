// A message with text we cannot store is answered in the parent's language and goes no
// further: no registration attempt, no view, nothing written.
import { startBotHarness, type BotHarness } from './support/bot-harness.js';
import { CHAT, seedSchool } from './support/seed.js';

let h: BotHarness;

beforeAll(async () => {
  h = await startBotHarness();
  await seedSchool(h.db.prisma);
});
afterAll(() => h.close());

async function say(chatId: number, text: string, language?: string) {
  const before = h.mark(chatId);
  h.telegram.sendText(chatId, text, language ? { language_code: language } : undefined);
  return h.next(chatId, before);
}

test('a registration code with a NUL byte is answered, not looked up', async () => {
  const attemptsBefore = await h.db.prisma.auditLog.count();
  const reply = await say(CHAT.unlinked, '/start ABCD\u0000-1234');
  expect(reply.text).toBe('В сообщении есть символы, которые нельзя обработать (например, управляющие). Напишите, пожалуйста, ещё раз обычным текстом.');
  expect(await h.db.prisma.auditLog.count()).toBe(attemptsBefore);
});

test('a lone surrogate in a parent\'s message gets the answer in English for an English chat', async () => {
  const reply = await say(CHAT.en, 'hello \ud800', 'en');
  expect(reply.text).toBe('The message contains characters that cannot be processed (control characters, for example). Please write it again as plain text.');
});

test('ordinary text with emoji and line breaks still reaches the features', async () => {
  const reply = await say(CHAT.ru, 'привет 👋\nкак дела');
  expect(reply.text).not.toContain('нельзя обработать');
});
