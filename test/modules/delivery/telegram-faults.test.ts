// Telegram's own flood rule: 429s for two different chats mean the whole bot is over its
// limit. The faults both chat messengers share (the one-second window, 429 storms, hung
// requests, stopped bots) are in chat-faults.test.ts.
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { createFakeTelegram, faults, type FakeTelegram } from '../../support/fake-telegram.js';
import { createDispatcher } from '../../../src/modules/delivery/dispatch-loop.js';
import { createTelegramSender } from '../../../src/channels/telegram/telegram-sender.js';
import { createFamily } from '../notifications/fixtures.js';
import { enqueue, finalMarkPayload } from './helpers.js';

let db: TestDatabase;
let telegram: FakeTelegram;
const TOKEN = '123456:TEST-TOKEN-abcdef';

beforeAll(async () => {
  db = await createTestDatabase();
  telegram = await createFakeTelegram({ rateLimit: false });
});
afterAll(async () => {
  await telegram.close();
  await db.drop();
});

const status = (id: string) => db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } });

describe('Telegram sender under limits and faults', () => {
  test('429s for two chats pause the whole bot: a message to a third chat is handed back unsent, none counted as an attempt', async () => {
    telegram.setRateLimit(false);
    const ids = [];
    for (const [i, chat] of ['7400001', '7400002', '7400003'].entries()) {
      const family = await createFamily(db.prisma, { telegramChat: chat });
      const id = await enqueue(db, family.guardianId, 'telegram', finalMarkPayload(`flood-${chat}`));
      // Claimed and sent in this order.
      await db.pool.query(`UPDATE outbox_messages SET "nextAttemptAt" = now() - make_interval(secs => $2) WHERE id = $1`, [id, 60 - i]);
      ids.push(id);
    }
    for (const chat of ['7400001', '7400002']) telegram.addFault({ method: 'sendMessage', chatId: chat, times: 1, fault: faults.tooManyRequests(30) });
    const sender = createTelegramSender({ token: TOKEN, apiRoot: telegram.apiRoot, perSecond: 500, perChatPerSecond: 500 });
    await createDispatcher({ pool: db.pool, sender, workerId: 'flood', concurrency: 1 }).runOnce();
    const rows = await Promise.all(ids.map(status));
    expect(rows.map((r) => r.status)).toEqual(['queued', 'queued', 'queued']);
    expect(rows.map((r) => r.attempts)).toEqual([0, 0, 0]);
    expect(telegram.callsOf('sendMessage').map((c) => String(c.payload.chat_id))).toEqual(['7400001', '7400002']);
  });
});
