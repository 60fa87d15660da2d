// The worker role sends web push with no messenger configured: the key pair is made at the
// first push into the data folder, and the push service sees that pair's signature.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { workerComponent } from '../../../src/jobs/worker-component.js';
import { savePushSubscription } from '../../../src/modules/web-push/save-push-subscription.js';
import { testContext } from '../../support/context.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { startFakePushService, type FakePushService } from '../../support/fake-push/server.js';
import { addEvent, createFamily, finalPayload } from '../../modules/notifications/fixtures.js';

const LOCK_LIFETIME_MS = 2000;
let db: TestDatabase;
let push: FakePushService;
let dataDir: string;
beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 12 });
  push = await startFakePushService();
  dataDir = await mkdtemp(path.join(tmpdir(), 'vestnik-push-worker-'));
});
afterAll(async () => {
  await push.close();
  await db.drop();
  await rm(dataDir, { recursive: true, force: true });
  await new Promise((resolve) => setTimeout(resolve, LOCK_LIFETIME_MS / 2 + 100));
});

async function waitForPush(count: number, withinMs: number): Promise<void> {
  const until = Date.now() + withinMs;
  while (push.received.length < count && push.rejected.length === 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
}

test('a final grade for a family with only web push leaves through the worker, signed with the pair kept in the data folder', async () => {
  const ctx = testContext(db, { VESTNIK_DATA_DIR: dataDir, PUBLIC_URL: 'https://vestnik.school.test' });
  const family = await createFamily(db.prisma, { telegramChat: null });
  const browser = push.subscribe();
  await savePushSubscription(db.prisma, [family.guardianId], browser, { allowLoopbackHttp: true });
  await addEvent(db.prisma, family, 'final_mark_published', finalPayload('4'));
  const worker = workerComponent(ctx, { lockLifetimeMs: LOCK_LIFETIME_MS });
  await worker.start();
  try {
    await waitForPush(1, 15_000);
  } finally {
    await worker.stop();
  }
  expect(push.rejected).toEqual([]);
  expect(push.received).toHaveLength(1);
  const stored = JSON.parse(await readFile(path.join(dataDir, 'vapid-keys.json'), 'utf8')) as { publicKey: string };
  expect(push.received[0]?.vapidPublicKey).toBe(stored.publicKey);
  expect(push.received[0]?.payload).toMatchObject({ url: 'https://vestnik.school.test/me' });
  const row = await db.prisma.outboxMessage.findFirstOrThrow({ where: { guardianId: family.guardianId, channelType: 'webpush' } });
  expect(row.status).toBe('sent');
});
