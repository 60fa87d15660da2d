// A family's browsers: shared computers, the family's list, and withdrawal.
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { startFakePushService, type FakePushService } from '../../support/fake-push/server.js';
import { withdrawConsent } from '../../../src/modules/consent/withdraw-consent.js';
import { listPushSubscriptions } from '../../../src/modules/web-push/list-push-subscriptions.js';
import { savePushSubscription } from '../../../src/modules/web-push/save-push-subscription.js';
import { createFamily } from '../notifications/fixtures.js';

let db: TestDatabase;
let push: FakePushService;
beforeAll(async () => {
  db = await createTestDatabase();
  push = await startFakePushService();
});
afterAll(async () => {
  await push.close();
  await db.drop();
});

const browser = () => {
  const sub = push.subscribe();
  return { endpoint: `https://push.example.test/push/${sub.id}`, p256dh: sub.p256dh, auth: sub.auth };
};

test('a browser another family subscribes on afterwards is no longer this family’s: its channel turns off', async () => {
  const ivanovs = await createFamily(db.prisma, { telegramChat: null });
  const petrovs = await createFamily(db.prisma, { schoolId: ivanovs.schoolId, telegramChat: null });
  const shared = browser();
  await savePushSubscription(db.prisma, [ivanovs.guardianId], { ...shared, userAgent: 'Firefox, Windows' });
  await savePushSubscription(db.prisma, [petrovs.guardianId], shared);
  const channel = (guardianId: string) => db.prisma.channel.findFirstOrThrow({ where: { guardianId, type: 'webpush' } });
  expect(await channel(ivanovs.guardianId)).toMatchObject({ active: false, inactiveReason: 'subscribedByOtherFamily' });
  expect(await channel(petrovs.guardianId)).toMatchObject({ active: true });

  const list = await listPushSubscriptions(db.prisma, [ivanovs.guardianId]);
  expect(list).toEqual([expect.objectContaining({ guardianId: ivanovs.guardianId, userAgent: 'Firefox, Windows', active: false, lastSuccessAt: null })]);
  expect(Object.keys(list[0]!)).not.toContain('endpoint');
});

test('withdrawal erases the family’s push subscriptions with its channels', async () => {
  const family = await createFamily(db.prisma, { telegramChat: null });
  await savePushSubscription(db.prisma, [family.guardianId], browser());
  await withdrawConsent(db.prisma, { schoolId: family.schoolId, guardianId: family.guardianId });
  expect(await db.prisma.pushSubscription.count({ where: { guardianId: family.guardianId } })).toBe(0);
  expect(await db.prisma.channel.count({ where: { guardianId: family.guardianId } })).toBe(0);
});
