// Web push end to end on the server side: planner → outbox → web push sender → a push
// service on loopback that checks the VAPID JWT and decrypts the payload as a browser would.
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { startFakePushService, type FakePushService } from '../../support/fake-push/server.js';
import { createWebPushSender } from '../../../src/channels/webpush/webpush-sender.js';
import { generateVapidPair } from '../../../src/config/resolve-vapid-keys.js';
import { createDispatcher } from '../../../src/modules/delivery/dispatch-loop.js';
import { planNotifications } from '../../../src/modules/notifications/plan-notifications.js';
import { recordAcknowledgment } from '../../../src/modules/notifications/record-acknowledgment.js';
import { runSlaCheck } from '../../../src/modules/notifications/sla-check.js';
import { savePushSubscription } from '../../../src/modules/web-push/save-push-subscription.js';
import { addEvent, createFamily, finalPayload, type Family } from '../../modules/notifications/fixtures.js';

const HOUR = 3_600_000;
const PUBLIC_URL = 'https://vestnik.school.test';

let db: TestDatabase;
let push: FakePushService;
const vapid = { ...generateVapidPair(), subject: 'mailto:admin@school.test' };

beforeAll(async () => {
  db = await createTestDatabase();
  push = await startFakePushService();
});
afterAll(async () => {
  await push.close();
  await db.drop();
});

const sender = () => createWebPushSender({ pool: db.pool, vapid, publicUrl: PUBLIC_URL, timeoutSeconds: 5 });
const dispatch = () => createDispatcher({ pool: db.pool, sender: sender(), workerId: 'push' }).runOnce();
const rows = async (guardianId: string) =>
  (await db.prisma.outboxMessage.findMany({ where: { guardianId }, orderBy: { createdAt: 'asc' } })).map((r) => `${r.channelType}:${r.status}`);

/** A family with no messenger: a browser subscribed on its page, and a verified email it did not pick for everyday messages. */
async function familyWithPush(): Promise<{ family: Family; browser: ReturnType<FakePushService['subscribe']>; subscriptionId: string }> {
  const family = await createFamily(db.prisma, { telegramChat: null, email: 'anna@example.test' });
  await db.prisma.channel.updateMany({ where: { guardianId: family.guardianId, type: 'email' }, data: { enabled: false } });
  const browser = push.subscribe();
  const saved = await savePushSubscription(db.prisma, [family.guardianId], { ...browser, userAgent: 'Chrome, Android' }, { allowLoopbackHttp: true });
  return { family, browser, subscriptionId: saved.ids[0]! };
}

async function publishFinalMark(family: Family, at: Date): Promise<void> {
  await addEvent(db.prisma, family, 'final_mark_published', finalPayload('5'), { occurredAt: at });
  await planNotifications(db, { now: at });
}

describe('web push delivery', () => {
  test('a final mark reaches the push service signed for its origin and decrypts to the title, the text and a link to /me', async () => {
    const { family, browser, subscriptionId } = await familyWithPush();
    await publishFinalMark(family, new Date());
    expect(await rows(family.guardianId)).toEqual(['webpush:queued']);
    await dispatch();

    expect(push.rejected).toEqual([]);
    const got = push.received.filter((p) => p.subscriptionId === browser.id);
    expect(got).toHaveLength(1);
    const [first] = got;
    expect(first?.claims).toMatchObject({ aud: push.origin, sub: 'mailto:admin@school.test' });
    expect(first?.vapidPublicKey).toBe(vapid.publicKey);
    expect(first?.urgency).toBe('high');
    const payload = first?.payload as { title: string; body: string; url: string; tag: string };
    expect(payload.title).toBe('Итоговая отметка: Иванов Пётр 1');
    // The same lines every channel renders (their wording belongs to the locales), as plain text.
    expect(payload.body).toMatch(/Итоговая отметка.*«Математика».*5/);
    expect(payload.body).toContain('2 четверть');
    expect(payload.body).not.toMatch(/<\/?b>/);
    expect(payload.url).toBe(`${PUBLIC_URL}/me`);
    expect(await rows(family.guardianId)).toEqual(['webpush:sent']);
    const stored = await db.prisma.pushSubscription.findUniqueOrThrow({ where: { schoolId_id: { schoolId: family.schoolId, id: subscriptionId } } });
    expect(stored.lastSuccessAt).not.toBeNull();
  });

  test('410 Gone: the subscription and its channel turn inactive and the final mark falls back to the verified email', async () => {
    const { family, browser, subscriptionId } = await familyWithPush();
    push.answer(browser.id, { status: 410 });
    await publishFinalMark(family, new Date());
    await dispatch();
    expect(await rows(family.guardianId)).toEqual(['webpush:fell_back', 'email:queued']);
    const channel = await db.prisma.channel.findFirstOrThrow({ where: { guardianId: family.guardianId, type: 'webpush' } });
    expect(channel).toMatchObject({ active: false, address: subscriptionId });
    expect((await db.prisma.pushSubscription.findUniqueOrThrow({ where: { schoolId_id: { schoolId: family.schoolId, id: subscriptionId } } })).active).toBe(false);
  });

  test('a phone and a computer both ring; one of them gone is turned off while the message counts as sent', async () => {
    const { family, browser: phone, subscriptionId: phoneId } = await familyWithPush();
    const laptop = push.subscribe();
    const { ids } = await savePushSubscription(db.prisma, [family.guardianId], laptop, { allowLoopbackHttp: true });
    push.answer(phone.id, { status: 410 });
    await publishFinalMark(family, new Date());
    await dispatch();
    expect(await rows(family.guardianId)).toEqual(['webpush:sent']);
    expect(push.received.filter((p) => p.subscriptionId === laptop.id)).toHaveLength(1);
    const channels = await db.prisma.channel.findMany({ where: { guardianId: family.guardianId, type: 'webpush' } });
    const state = Object.fromEntries(channels.map((c) => [c.address, c.active]));
    expect(state).toEqual({ [phoneId]: false, [ids[0]!]: true });
  });

  test('429 and 5xx are retried on the same subscription, which stays active', async () => {
    const { family, browser } = await familyWithPush();
    push.answer(browser.id, { status: 429, headers: { 'Retry-After': '30' } }, { status: 503 });
    await publishFinalMark(family, new Date());
    await dispatch();
    const [afterFlood] = await db.prisma.outboxMessage.findMany({ where: { guardianId: family.guardianId } });
    expect(afterFlood).toMatchObject({ status: 'queued', attempts: 0, channelType: 'webpush' });
    expect(afterFlood!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 20_000);
    const due = () => db.pool.query(`UPDATE outbox_messages SET "nextAttemptAt" = now() WHERE "guardianId" = $1 AND status = 'queued'`, [family.guardianId]);
    await due();
    await dispatch();
    expect((await db.prisma.outboxMessage.findFirstOrThrow({ where: { guardianId: family.guardianId } })).attempts).toBe(1);
    await due();
    await dispatch();
    expect(await rows(family.guardianId)).toEqual(['webpush:sent']);
    expect((await db.prisma.channel.findFirstOrThrow({ where: { guardianId: family.guardianId, type: 'webpush' } })).active).toBe(true);
  });

  test('a push service that does not answer is retried, the subscription kept', async () => {
    const family = await createFamily(db.prisma, { telegramChat: null });
    const keys = push.subscribe();
    // Port 1 on loopback: nothing listens, the connection is refused.
    await savePushSubscription(db.prisma, [family.guardianId], { ...keys, endpoint: 'http://127.0.0.1:1/push/nobody' }, { allowLoopbackHttp: true });
    await publishFinalMark(family, new Date());
    await dispatch();
    const [row] = await db.prisma.outboxMessage.findMany({ where: { guardianId: family.guardianId } });
    expect(row).toMatchObject({ channelType: 'webpush', status: 'queued', attempts: 1 });
    expect(row?.error).toMatch(/^network: /);
    expect((await db.prisma.channel.findFirstOrThrow({ where: { guardianId: family.guardianId, type: 'webpush' } })).active).toBe(true);
  });

  test('a push nobody acknowledged does not end the 24-hour duty: at hour 12 the final mark goes by email', async () => {
    const { family } = await familyWithPush();
    const published = new Date();
    await publishFinalMark(family, published);
    await dispatch();
    expect(await rows(family.guardianId)).toEqual(['webpush:sent']);

    expect(await runSlaCheck(db.pool, new Date(published.getTime() + 6 * HOUR))).toMatchObject({ fellBack: 0 });
    expect(await rows(family.guardianId)).toEqual(['webpush:sent']);
    expect((await runSlaCheck(db.pool, new Date(published.getTime() + 12 * HOUR))).fellBack).toBeGreaterThanOrEqual(1);
    expect(await rows(family.guardianId)).toEqual(['webpush:fell_back', 'email:queued']);
  });

  test('an acknowledged push ends the duty: nothing falls back at hour 12', async () => {
    const { family } = await familyWithPush();
    const published = new Date();
    await publishFinalMark(family, published);
    await dispatch();
    const message = await db.prisma.outboxMessage.findFirstOrThrow({ where: { guardianId: family.guardianId } });
    await recordAcknowledgment(db.prisma, { outboxMessageId: message.id, channelType: 'webpush', guardianId: family.guardianId, at: new Date(published.getTime() + HOUR) });
    await runSlaCheck(db.pool, new Date(published.getTime() + 12 * HOUR));
    expect(await rows(family.guardianId)).toEqual(['webpush:acknowledged']);
  });
});
