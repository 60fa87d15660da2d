// What is MAX's own in sending: which refusals switch a parent's MAX chat off. Only a dead
// dialog does (403 chat.denied, 404 chat.not.found); a 404 for a path MAX does not know —
// a wrong MAX_API_ROOT — or another 403 moves the message on and leaves every chat alone.
import { createMaxSender } from '../../../src/channels/max/max-sender.js';
import { createDispatcher } from '../../../src/modules/delivery/dispatch-loop.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { createFakeMax, type FakeMax } from '../../support/fake-max/server.js';
import { createFamily } from '../notifications/fixtures.js';
import { enqueue, finalMarkPayload } from './helpers.js';

const TOKEN = 'max-sender-token-0123456789';
let db: TestDatabase;
let max: FakeMax;
beforeAll(async () => {
  db = await createTestDatabase();
  max = await createFakeMax({ token: TOKEN });
  max.setRateLimit(false);
});
afterAll(async () => {
  await max.close();
  await db.drop();
});

async function parentOnMax(userId: number) {
  const family = await createFamily(db.prisma, { telegramChat: null, email: `max-${userId}@example.test` });
  await db.prisma.channel.create({ data: { guardianId: family.guardianId, type: 'max', address: String(userId), verified: true } });
  max.startBot(userId);
  return family;
}

async function sendOnce(apiRoot = max.apiRoot) {
  await createDispatcher({ pool: db.pool, sender: createMaxSender({ token: TOKEN, apiRoot, perSecond: 100 }), workerId: 'max' }).runOnce();
}

const channelActive = async (guardianId: string) => (await db.prisma.channel.findFirstOrThrow({ where: { guardianId, type: 'max' } })).active;

test('a wrong API root (404 for an unknown path) moves the message to email and switches no chat off', async () => {
  const family = await parentOnMax(7_900_001);
  const id = await enqueue(db, family.guardianId, 'max', finalMarkPayload('wrong-root'));
  await sendOnce(`${max.apiRoot}/nowhere/`);
  const row = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } });
  expect(row.status).toBe('fell_back');
  expect(row.error).toContain('404');
  expect(await channelActive(family.guardianId)).toBe(true);
});

test('a 403 that is not about the dialog leaves the chat on; chat.denied turns it off', async () => {
  const other = await parentOnMax(7_900_002);
  max.addFault({ route: 'POST /messages', userId: 7_900_002, times: 1, fault: { kind: 'error', status: 403, code: 'access.denied', message: 'Bot is not allowed to do this' } });
  await enqueue(db, other.guardianId, 'max', finalMarkPayload('other-403'));
  const stopped = await parentOnMax(7_900_003);
  max.stopBot(7_900_003);
  await enqueue(db, stopped.guardianId, 'max', finalMarkPayload('stopped-403'));
  await sendOnce();
  expect(await channelActive(other.guardianId)).toBe(true);
  expect(await channelActive(stopped.guardianId)).toBe(false);
  const rows = await db.prisma.outboxMessage.findMany({ where: { channelType: 'max', guardianId: { in: [other.guardianId, stopped.guardianId] } } });
  expect(rows.map((r) => r.status)).toEqual(['fell_back', 'fell_back']);
});
