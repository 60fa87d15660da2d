// Fencing of outbox claims: a worker whose claim is gone (lease lapsed and taken over,
// message withdrawn) changes nothing with its late completions, never sends a row it lost,
// and, for each chat messenger, a row waited on keeps its lease while another dispatcher
// polls and a send under way at a stop is finished and recorded.
import { withdrawConsent } from '../../../src/modules/consent/withdraw-consent.js';
import { claimOutbox } from '../../../src/modules/delivery/claim-outbox.js';
import { markSent, scheduleRetry } from '../../../src/modules/delivery/complete-outbox.js';
import { createDispatcher } from '../../../src/modules/delivery/dispatch-loop.js';
import { fallBack } from '../../../src/modules/delivery/fall-back.js';
import { createTelegramSender } from '../../../src/channels/telegram/telegram-sender.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { createFakeTelegram, type FakeTelegram } from '../../support/fake-telegram.js';
import { createFamily } from '../notifications/fixtures.js';
import { chatDrivers } from './chat-drivers.js';
import { enqueue, finalMarkPayload } from './helpers.js';

const TOKEN = '123456:TEST-TOKEN-abcdef';
let db: TestDatabase;
let telegram: FakeTelegram;
beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 10 });
  telegram = await createFakeTelegram({ rateLimit: { globalPerSecond: 1000, perChatPerSecond: 1000 } });
});
afterAll(async () => {
  await telegram.close();
  await db.drop();
});
beforeEach(async () => {
  telegram.reset();
  await db.pool.query(`DELETE FROM outbox_messages`);
});

const claim = (workerId: string) => claimOutbox(db.pool, { channelTypes: ['telegram'], limit: 10, workerId, leaseMs: 10_000 });
const row = (id: string) => db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } });
const lapse = (id: string) => db.pool.query(`UPDATE outbox_messages SET "claimedUntil" = now() - interval '1 second' WHERE id = $1`, [id]);

test('a stale worker cannot complete a row another worker has claimed since, nor fall back a sent one', async () => {
  const family = await createFamily(db.prisma, { email: 'anna@example.test' });
  const id = await enqueue(db, family.guardianId, 'telegram', finalMarkPayload('fence'));
  const [stale] = await claim('a');
  await lapse(id);
  const [current] = await claim('b');
  expect(current?.id).toBe(id);
  expect(current?.claimToken).not.toBe(stale?.claimToken);

  expect(await markSent(db.pool, stale!, 'stale-1')).toBe(false);
  expect(await scheduleRetry(db.pool, stale!, new Date(), 'late 500', true)).toBe(false);
  expect((await fallBack(db.pool, id, 'late 403', true, stale!.claimToken)).applied).toBe(false);
  expect(await row(id)).toMatchObject({ status: 'sending', claimedBy: 'b', providerId: null });

  expect(await markSent(db.pool, current!, 'fresh-1')).toBe(true);
  expect((await fallBack(db.pool, id, 'late 403', true, current!.claimToken)).applied).toBe(false);
  expect((await fallBack(db.pool, id, 'SLA', false)).applied).toBe(false);
  expect(await row(id)).toMatchObject({ status: 'sent', providerId: 'fresh-1', fallbackId: null });
  // The channel was not switched off by the stale 403, and no email copy was queued.
  expect((await db.prisma.channel.findFirstOrThrow({ where: { guardianId: family.guardianId, type: 'telegram' } })).active).toBe(true);
  expect(await db.prisma.outboxMessage.count()).toBe(1);
});

test('a dispatcher is never handed a row it already holds, even once that row\'s lease has lapsed', async () => {
  const family = await createFamily(db.prisma);
  const id = await enqueue(db, family.guardianId, 'telegram', finalMarkPayload('own'));
  const [held] = await claim('a');
  await lapse(id);
  expect(await claimOutbox(db.pool, { channelTypes: ['telegram'], limit: 10, workerId: 'a', leaseMs: 10_000, exclude: [id] })).toEqual([]);
  // Its own completion still counts: the claim was never given to anyone else.
  expect(await markSent(db.pool, held!, 'own-1')).toBe(true);
});

test('a withdrawn message never becomes fell_back, neither from its dispatcher nor from the SLA check', async () => {
  const family = await createFamily(db.prisma);
  const id = await enqueue(db, family.guardianId, 'telegram', finalMarkPayload('withdrawn'));
  const [claimed] = await claim('a');
  await withdrawConsent(db.prisma, { schoolId: family.schoolId, guardianId: family.guardianId });
  expect((await fallBack(db.pool, id, '403 blocked', true, claimed!.claimToken)).applied).toBe(false);
  expect((await fallBack(db.pool, id, 'not delivered 12 hours after publication', false)).applied).toBe(false);
  expect(await markSent(db.pool, claimed!, 'late')).toBe(false);
  expect((await row(id)).status).toBe('cancelled');
  expect(await db.prisma.outboxMessage.count({ where: { channelType: 'paper' } })).toBe(0);
});

test('a message withdrawn while it waits in the local queue is not sent', async () => {
  const families = [];
  for (let i = 0; i < 4; i += 1) families.push(await createFamily(db.prisma, { telegramChat: String(770_001 + i) }));
  const ids: string[] = [];
  for (const [i, family] of families.entries()) ids.push(await enqueue(db, family.guardianId, 'telegram', finalMarkPayload(`queued-${i}`)));
  // The withdrawn family's message is the last in line.
  await db.pool.query(`UPDATE outbox_messages SET "nextAttemptAt" = now() - interval '1 minute' WHERE id <> $1`, [ids[3]]);
  // One message a second: the whole batch is claimed at once and then waits here.
  const sender = createTelegramSender({ token: TOKEN, apiRoot: telegram.apiRoot, perSecond: 1, perChatPerSecond: 1000 });
  const loop = createDispatcher({ pool: db.pool, sender, workerId: 'a', concurrency: 1, batchSize: 10, idleMs: 50 });
  loop.start();
  try {
    await telegram.waitForMessage(770_001, undefined, 10_000);
    expect((await row(ids[3]!)).status).toBe('sending');
    await withdrawConsent(db.prisma, { schoolId: families[3]!.schoolId, guardianId: families[3]!.guardianId });
    await telegram.waitForMessage(770_003, undefined, 10_000);
    // Time for the withdrawn one to go out, were it still going to.
    await new Promise((resolve) => setTimeout(resolve, 1500));
  } finally {
    await loop.stop();
  }
  expect(telegram.sentMessages().map((m) => Number(m.chat_id)).sort()).toEqual([770_001, 770_002, 770_003]);
  expect((await row(ids[3]!)).status).toBe('cancelled');
});

test('rows a dead worker held are claimed before fresh ones of the same urgency', async () => {
  const families = await Promise.all(Array.from({ length: 6 }, () => createFamily(db.prisma)));
  const ids: string[] = [];
  for (const [i, family] of families.entries()) ids.push(await enqueue(db, family.guardianId, 'telegram', finalMarkPayload(`orphan-${i}`)));
  const deadHeld = await claimOutbox(db.pool, { channelTypes: ['telegram'], limit: 2, workerId: 'dead', leaseMs: 10_000 });
  for (const message of deadHeld) await lapse(message.id);
  // Due later than the fresh rows (a retry, say), yet already in flight once: they go first.
  await db.pool.query(`UPDATE outbox_messages SET "nextAttemptAt" = now() WHERE id = ANY($1::uuid[])`, [deadHeld.map((m) => m.id)]);
  const next = await claimOutbox(db.pool, { channelTypes: ['telegram'], limit: 2, workerId: 'alive', leaseMs: 10_000 });
  expect(next.map((m) => m.id).sort()).toEqual(deadHeld.map((m) => m.id).sort());
  expect(ids).toEqual(expect.arrayContaining(next.map((m) => m.id)));
});

test('without takeOver a claim leaves rows whose lease lapsed to their holder, and still hands out queued ones', async () => {
  const [one, two] = await Promise.all([createFamily(db.prisma), createFamily(db.prisma)]);
  const lapsedId = await enqueue(db, one.guardianId, 'telegram', finalMarkPayload('lapsed'));
  const [held] = await claim('a');
  await lapse(lapsedId);
  const queuedId = await enqueue(db, two.guardianId, 'telegram', finalMarkPayload('queued'));
  const cautious = await claimOutbox(db.pool, { channelTypes: ['telegram'], limit: 10, workerId: 'b', leaseMs: 10_000, takeOver: false });
  expect(cautious.map((m) => m.id)).toEqual([queuedId]);
  // Its holder can still record what it sent during the outage.
  expect(await markSent(db.pool, held!, 'sent-during-outage')).toBe(true);
});

describe.each(chatDrivers())('%s sends under way', (_name, chat) => {
  beforeAll(() => chat.start());
  afterAll(() => chat.close());
  beforeEach(() => chat.reset());

  test('a row a dispatcher waits on keeps its lease: a second dispatcher polling meanwhile never sends it too', async () => {
    const family = await chat.family(db.prisma);
    const id = await enqueue(db, family.guardianId, chat.type, finalMarkPayload('slow'));
    // The messenger takes many lease lengths to answer this one send.
    chat.delay(2000, { times: 1 });
    const dispatcher = (workerId: string) => createDispatcher({ pool: db.pool, sender: chat.sender({ perSecond: 100, timeoutSeconds: 10 }), workerId, leaseMs: 300, idleMs: 20 });
    const first = dispatcher('first');
    const second = dispatcher('second');
    first.start();
    await chat.waitForSends(1, 5000);
    second.start();
    try {
      await until(() => chat.delivered().length > 0, 10_000);
      await new Promise((resolve) => setTimeout(resolve, 500));
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
    expect(chat.sendCalls()).toBe(1);
    expect(await row(id)).toMatchObject({ status: 'sent', claimedBy: 'first' });
  });

  test('stopping while a send is under way lets it finish and records it, so the message is not sent again later', async () => {
    const family = await chat.family(db.prisma);
    const id = await enqueue(db, family.guardianId, chat.type, finalMarkPayload('stopping'));
    chat.delay(700, { times: 1 });
    const loop = createDispatcher({ pool: db.pool, sender: chat.sender({ perSecond: 100 }), workerId: 'a', idleMs: 20 });
    loop.start();
    await chat.waitForSends(1, 5000);
    await loop.stop();
    // The fake carries the call out even if the client stopped waiting: it reached the chat.
    await until(() => chat.delivered().length > 0, 5000);
    expect((await row(id)).status).toBe('sent');
    expect(chat.sendCalls()).toBe(1);
  });
});

async function until(done: () => boolean, timeoutMs: number): Promise<void> {
  for (const start = Date.now(); !done(); ) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
