// The worker role with MAX configured: a final grade planned for a parent on MAX goes out
// through the MAX sender under the default MAX bot's `send:<bot row id>` lease.
import { workerComponent } from '../../../src/jobs/worker-component.js';
import { DEFAULT_BOT_IDS } from '../../../src/modules/bots/default-bots.js';
import { testContext } from '../../support/context.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { createFakeMax, type FakeMax } from '../../support/fake-max/server.js';
import { addEvent, createFamily, finalPayload } from '../notifications/fixtures.js';

const TOKEN = 'max-worker-token-0123456789';
const LOCK_LIFETIME_MS = 2000;
let db: TestDatabase;
let max: FakeMax;
beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 12 });
  max = await createFakeMax({ token: TOKEN });
});
afterAll(async () => {
  await max.close();
  await db.drop();
  await new Promise((resolve) => setTimeout(resolve, LOCK_LIFETIME_MS / 2 + 100));
});

test('a final grade for a parent on MAX is sent by the worker with the Acknowledge button, under the MAX sender lease', async () => {
  const ctx = testContext(db, { MAX_BOT_TOKEN: TOKEN, MAX_API_ROOT: max.apiRoot });
  const family = await createFamily(db.prisma, { telegramChat: null });
  await db.prisma.channel.create({ data: { guardianId: family.guardianId, type: 'max', address: '7700001', verified: true } });
  max.startBot(7_700_001);
  await addEvent(db.prisma, family, 'final_mark_published', finalPayload('5'));
  const worker = workerComponent(ctx, { lockLifetimeMs: LOCK_LIFETIME_MS });
  await worker.start();
  try {
    const message = await max.waitForMessage(7_700_001, 0, 15_000);
    expect(message.format).toBe('html');
    expect(message.buttons[0]?.[0]).toMatchObject({ type: 'callback', payload: expect.stringMatching(/^ackmsg:/) });
  } finally {
    await worker.stop();
  }
  const row = await db.prisma.outboxMessage.findFirstOrThrow({ where: { guardianId: family.guardianId, channelType: 'max' } });
  expect(row.status).toBe('sent');
  const { rows } = await db.pool.query<{ name: string }>(`SELECT name FROM sender_leases WHERE name LIKE 'send:%'`);
  expect(rows.map((r) => r.name)).toEqual([`send:${DEFAULT_BOT_IDS.max}`]);
});
