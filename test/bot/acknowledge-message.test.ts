// The Acknowledge button under a pushed message records the acknowledgment once (R10),
// and a chat cannot acknowledge another family's message.
import { startBotHarness, type BotHarness } from './support/bot-harness.js';
import { CHAT, seedSchool, type Seeded } from './support/seed.js';

let h: BotHarness;
let seed: Seeded;

beforeAll(async () => {
  h = await startBotHarness();
  seed = await seedSchool(h.db.prisma);
});
afterAll(() => h.close());

async function pushedMessage(guardianId: string, key: string) {
  return h.db.prisma.outboxMessage.create({
    data: { idempotencyKey: key, schoolId: seed.schoolId, guardianId, channelType: 'telegram', kind: 'final_mark', critical: true, payload: { cause: key }, status: 'sent', sentAt: new Date() },
  });
}

async function press(chatId: number, data: string) {
  const anchor = await h.ask(chatId, '/help');
  const before = h.telegram.callsOf('answerCallbackQuery').length;
  h.telegram.pressButton(chatId, data, anchor.message_id);
  return h.telegram.waitFor(() => h.telegram.callsOf('answerCallbackQuery').slice(before).find((c) => c.response !== undefined));
}

test('pressing Acknowledge records it once and thanks the parent', async () => {
  const message = await pushedMessage(seed.guardians.ru, 'final:1');
  const first = await press(CHAT.ru, `ackmsg:${message.id}`);
  expect(first.payload.text).toMatch(/^Спасибо! Отметили/);
  const second = await press(CHAT.ru, `ackmsg:${message.id}`);
  expect(second.payload.text).toMatch(/^Вы уже подтвердили/);

  const acks = await h.db.prisma.acknowledgment.findMany({ where: { guardianId: seed.guardians.ru } });
  expect(acks).toHaveLength(1);
  expect(acks[0]).toMatchObject({ outboxMessageId: message.id, channelType: 'telegram', subject: 'final_mark' });
  expect((await h.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: message.id } })).status).toBe('acknowledged');
});

test('another family\'s message cannot be acknowledged from this chat', async () => {
  const foreign = await pushedMessage(seed.guardians.other, 'final:2');
  const answer = await press(CHAT.ru, `ackmsg:${foreign.id}`);
  expect(answer.payload.text).toBe('Эти сведения недоступны в этом чате.');
  expect(await h.db.prisma.acknowledgment.count({ where: { outboxMessageId: foreign.id } })).toBe(0);
});
