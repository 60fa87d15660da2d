// What is Telegram's own in dispatching: its per-chat 429 with retry_after, and the local
// queue's ordering. What both chat messengers share is in chat-dispatch.test.ts.
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
  telegram = await createFakeTelegram({ rateLimit: { globalPerSecond: 1000, perChatPerSecond: 1000 } });
});
afterAll(async () => {
  await telegram.close();
  await db.drop();
});
beforeEach(() => telegram.reset());

function dispatcher(timeoutSeconds = 5) {
  const sender = createTelegramSender({ token: TOKEN, apiRoot: telegram.apiRoot, perSecond: 500, perChatPerSecond: 500, timeoutSeconds });
  return createDispatcher({ pool: db.pool, sender, workerId: 'test' });
}

const status = (id: string) => db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } });

describe('Telegram dispatch', () => {
  test('a final grade overtakes ordinary messages already waiting in the local queue', async () => {
    const family = await createFamily(db.prisma, { telegramChat: '555001' });
    for (let i = 1; i <= 30; i += 1) await enqueue(db, family.guardianId, 'telegram', finalMarkPayload(`plain-${i}`, `Обычный ${i}`), 'mark');
    // 5 messages/s and batches of 20: the loop refills its queue when fewer than 10 wait,
    // about two seconds after the first send, which leaves ample time to queue the grade.
    const sender = createTelegramSender({ token: TOKEN, apiRoot: telegram.apiRoot, perSecond: 5, perChatPerSecond: 500 });
    const loop = createDispatcher({ pool: db.pool, sender, workerId: 'test', concurrency: 1, batchSize: 20, idleMs: 50 });
    loop.start();
    try {
      await telegram.waitForMessage(555001, undefined, 5000);
      await enqueue(db, family.guardianId, 'telegram', finalMarkPayload('urgent', 'Срочный Иван'));
      // Let the rest go too, so no queued row is left for the next test.
      await telegram.waitFor(() => telegram.sentMessages().length === 31 || undefined, 15_000);
    } finally {
      await loop.stop();
    }
    const before = telegram.sentMessages().findIndex((m) => m.text.includes('Срочный'));
    // Sent with the next refill (after about 11), not after the 9 already queued at that point.
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThanOrEqual(14);
  });

  test('a 429 for one chat hands its row back for retry_after, not as a failed attempt, and the others are sent meanwhile', async () => {
    const limited = await createFamily(db.prisma, { telegramChat: '429001' });
    const other = await createFamily(db.prisma, { telegramChat: '429002' });
    telegram.addFault({ method: 'sendMessage', chatId: '429001', times: 1, fault: faults.tooManyRequests(30) });
    const id = await enqueue(db, limited.guardianId, 'telegram', finalMarkPayload('c429'));
    const otherId = await enqueue(db, other.guardianId, 'telegram', finalMarkPayload('c429-other'));
    const before = await db.pool.query<{ now: Date }>('SELECT now()');
    await dispatcher().runOnce();
    const row = await status(id);
    expect(row.status).toBe('queued');
    expect(row.attempts).toBe(0);
    expect(row.error).toContain('429');
    // Not before Telegram's retry_after.
    expect(row.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before.rows[0]!.now.getTime() + 29_000);
    expect((await status(otherId)).status).toBe('sent');
    await db.pool.query(`UPDATE outbox_messages SET "nextAttemptAt" = now() WHERE id = $1`, [id]);
    await dispatcher().runOnce();
    expect((await status(id)).status).toBe('sent');
  });
});
