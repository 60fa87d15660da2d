// Rows written without naming a bot (older code, tools inserting directly) still reach a
// bot: a chat channel its messenger's default bot, a message its channel's bot.
import { DEFAULT_BOT_IDS } from '../../src/modules/bots/default-bots.js';
import { seedChats } from '../modules/delivery/seed-chats.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

test('a chat channel and its message that name no bot go through the messenger default bot; email names none', async () => {
  await seedChats(db.pool, 2, 7000, 'mark', false, 'telegram');
  await seedChats(db.pool, 2, 8000, 'mark', false, 'max');
  const { rows } = await db.pool.query<{ type: string; channel_bot: string | null; message_bot: string | null }>(
    `SELECT c.type::text AS type, c."botId" AS channel_bot, o."botId" AS message_bot
       FROM channels c JOIN outbox_messages o ON o."channelId" = c.id ORDER BY c.address`,
  );
  expect(rows).toEqual([
    { type: 'telegram', channel_bot: DEFAULT_BOT_IDS.telegram, message_bot: DEFAULT_BOT_IDS.telegram },
    { type: 'telegram', channel_bot: DEFAULT_BOT_IDS.telegram, message_bot: DEFAULT_BOT_IDS.telegram },
    { type: 'max', channel_bot: DEFAULT_BOT_IDS.max, message_bot: DEFAULT_BOT_IDS.max },
    { type: 'max', channel_bot: DEFAULT_BOT_IDS.max, message_bot: DEFAULT_BOT_IDS.max },
  ]);
  const guardian = await db.pool.query<{ guardianId: string }>(`SELECT "guardianId" FROM channels LIMIT 1`);
  const email = await db.pool.query<{ botId: string | null }>(
    `INSERT INTO channels ("guardianId", type, address, verified, "updatedAt") SELECT "guardianId", 'email', 'p@example.org', true, now() FROM channels WHERE "guardianId" = $1 LIMIT 1 RETURNING "botId"`,
    [guardian.rows[0]!.guardianId],
  );
  expect(email.rows[0]!.botId).toBeNull();
});
