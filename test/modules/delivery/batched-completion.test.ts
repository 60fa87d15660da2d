// A busy dispatcher confirms and records its sends together: many messages share one
// statement (one commit) instead of costing two each, so a bot's worker keeps up with a
// broadcast. Every message still goes out once and is recorded as sent with its message id.
import type pg from 'pg';
import { createTelegramSender } from '../../../src/channels/telegram/telegram-sender.js';
import { createDispatcher } from '../../../src/modules/delivery/dispatch-loop.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { createFakeTelegram, type FakeTelegram } from '../../support/fake-telegram.js';
import { createFamily } from '../notifications/fixtures.js';
import { enqueue, finalMarkPayload } from './helpers.js';

const TOKEN = '123456:TEST-TOKEN-batched';
const MESSAGES = 120;
let db: TestDatabase;
let telegram: FakeTelegram;
beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 10 });
  telegram = await createFakeTelegram({ token: TOKEN, rateLimit: { globalPerSecond: 10_000, perChatPerSecond: 1000 } });
});
afterAll(async () => {
  await telegram.close();
  await db.drop();
});

/** The same pool, counting the statements that record sends and those that confirm claims. */
function countingPool(pool: pg.Pool) {
  const counts = { recorded: 0, confirmed: 0 };
  const query = (...args: Parameters<pg.Pool['query']>) => {
    const text = String(typeof args[0] === 'string' ? args[0] : (args[0] as { text: string }).text);
    if (text.includes(`SET status = 'sent'`)) counts.recorded += 1;
    if (text.includes(`SET "claimedUntil" = now()`)) counts.confirmed += 1;
    return (pool.query as (...a: unknown[]) => unknown)(...args);
  };
  const proxy = new Proxy(pool, {
    get(target, prop) {
      if (prop === 'query') return query;
      const value: unknown = Reflect.get(target, prop);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { pool: proxy, counts };
}

test(`${MESSAGES} final marks sent by 40 lanes are confirmed and recorded in a few statements, each message once`, async () => {
  const ids: string[] = [];
  for (let i = 0; i < MESSAGES; i += 1) {
    const family = await createFamily(db.prisma, { telegramChat: String(880_000 + i) });
    ids.push(await enqueue(db, family.guardianId, 'telegram', finalMarkPayload(`batch-${i}`)));
  }
  const { pool, counts } = countingPool(db.pool);
  const sender = createTelegramSender({ token: TOKEN, apiRoot: telegram.apiRoot, perSecond: 10_000, perChatPerSecond: 1000 });
  const dispatcher = createDispatcher({ pool, sender, workerId: 'batched', concurrency: 40, batchSize: MESSAGES });
  expect(await dispatcher.runOnce()).toBe(MESSAGES);
  await dispatcher.stop();

  const chats = telegram.sentMessages().map((m) => Number(m.chat_id));
  expect(new Set(chats).size).toBe(MESSAGES);
  expect(chats).toHaveLength(MESSAGES);
  const { rows } = await db.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM outbox_messages WHERE id = ANY($1::uuid[]) AND status = 'sent' AND "providerId" IS NOT NULL`,
    [ids],
  );
  expect(rows[0]!.n).toBe(MESSAGES);
  // One statement per message each without batching; with it, the 40 lanes share them (how
  // many depends on how the sends' answers interleave, so the bound leaves room).
  expect(counts.recorded).toBeLessThanOrEqual(MESSAGES / 2);
  expect(counts.confirmed).toBeLessThanOrEqual(MESSAGES / 2);
});
