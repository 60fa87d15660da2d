// The Telegram sender under Telegram's real limits and small faults: a strict one-second
// sliding window, hung requests, a failure in the middle of a split message, and a
// blocked chat whose guardian has a verified email they did not pick for everyday use.
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { createFakeTelegram, faults, type FakeTelegram } from '../../support/fake-telegram.js';
import { createMailer } from '../../../src/mail/create-mailer.js';
import { createDispatcher } from '../../../src/modules/delivery/dispatch-loop.js';
import { createEmailSender } from '../../../src/modules/delivery/email-sender.js';
import { createTelegramSender } from '../../../src/channels/telegram/telegram-sender.js';
import type { DigestMessagePayload } from '../../../src/modules/notifications/types.js';
import { createFamily } from '../notifications/fixtures.js';
import { enqueue, finalMarkPayload } from './helpers.js';
import { seedChats } from './seed-chats.js';
import { startSmtpSink, type SmtpSink } from './smtp-sink.js';

let db: TestDatabase;
let telegram: FakeTelegram;
let smtp: SmtpSink;
const TOKEN = '123456:TEST-TOKEN-abcdef';

beforeAll(async () => {
  db = await createTestDatabase();
  telegram = await createFakeTelegram({ rateLimit: { globalPerSecond: 30, perChatPerSecond: 1 } });
  smtp = await startSmtpSink();
});
afterAll(async () => {
  await telegram.close();
  await smtp.close();
  await db.drop();
});
beforeEach(async () => {
  telegram.reset();
  telegram.setRateLimit({ globalPerSecond: 30, perChatPerSecond: 1 });
  await db.pool.query(`DELETE FROM outbox_messages`);
});

const status = (id: string) => db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } });
const dueNow = () => db.pool.query(`UPDATE outbox_messages SET "nextAttemptAt" = now() WHERE status = 'queued'`);

/** Runs the production loop until no Telegram row is left to send. */
async function sendAll(perSecond: number, timeoutSeconds?: number): Promise<void> {
  const sender = createTelegramSender({ token: TOKEN, apiRoot: telegram.apiRoot, perSecond, pool: db.pool, timeoutSeconds });
  const loop = createDispatcher({ pool: db.pool, sender, workerId: 'faults', concurrency: 8, batchSize: perSecond * 2, idleMs: 50 });
  loop.start();
  try {
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const { rows } = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox_messages WHERE "channelType" = 'telegram' AND status IN ('queued', 'sending')`);
      if (rows[0]?.n === 0) break;
      // Backoff after a failed attempt is not what these tests are about.
      await dueNow();
    }
  } finally {
    await loop.stop();
  }
}

const deliveredPerChat = () => {
  const counts = new Map<string, number>();
  for (const m of telegram.sentMessages()) counts.set(String(m.chat_id), (counts.get(String(m.chat_id)) ?? 0) + 1);
  return counts;
};

describe('Telegram sender under limits and faults', () => {
  test('at the configured 30 messages/s a strict one-second window never answers 429, and every message arrives once', async () => {
    await seedChats(db.pool, 120, 7_000_000);
    await sendAll(30);
    expect(telegram.stats.tooManyRequests).toBe(0);
    const counts = deliveredPerChat();
    expect(counts.size).toBe(120);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  }, 30_000);

  test('hung requests are given up after the send timeout and their messages sent again; the rest go meanwhile', async () => {
    telegram.setRateLimit({ globalPerSecond: 200, perChatPerSecond: 1 });
    await seedChats(db.pool, 100, 7_100_000);
    telegram.addFault({ method: 'sendMessage', fraction: 0.02, times: 2, fault: faults.hang() });
    await sendAll(150, 1);
    expect(telegram.stats.tooManyRequests).toBe(0);
    const counts = deliveredPerChat();
    expect(counts.size).toBe(100);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    const retried = await db.prisma.outboxMessage.findMany({ where: { attempts: { gt: 1 } } });
    expect(retried).toHaveLength(2);
  }, 30_000);

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

  test('a split message that fails part-way resumes after the parts already delivered', async () => {
    telegram.setRateLimit({ globalPerSecond: 1000, perChatPerSecond: 1000 });
    const family = await createFamily(db.prisma, { telegramChat: '7200001' });
    const notes = Array.from({ length: 120 }, (_, i) => ({ teacher: 'М. И. Петрова', date: '2026-11-20', text: `Заметка ${i} `.repeat(8) }));
    const payload: DigestMessagePayload = {
      cause: 'digest:parts',
      lang: 'ru',
      digest: { since: null, until: '2026-11-21T00:00:00.000Z', empty: false, children: [{ studentName: 'Пётр', className: '5А', marks: [], absences: [], subjects: [], tests: [], homework: [], timetable: [], notes, holidays: [] }] },
    };
    const id = await enqueue(db, family.guardianId, 'telegram', payload, 'digest');
    // The third part meets a server error.
    telegram.addFault({ method: 'sendMessage', fraction: 1 / 3, times: 1, fault: faults.serverError() });
    const sender = createTelegramSender({ token: TOKEN, apiRoot: telegram.apiRoot, perSecond: 500, perChatPerSecond: 500, pool: db.pool });
    await createDispatcher({ pool: db.pool, sender, workerId: 'parts' }).runOnce();
    const halfway = await status(id);
    expect(halfway.status).toBe('queued');
    expect(halfway.partsSent).toBe(2);
    await dueNow();
    await createDispatcher({ pool: db.pool, sender, workerId: 'parts' }).runOnce();
    const done = await status(id);
    expect(done.status).toBe('sent');
    const texts = telegram.sentMessages('7200001').map((m) => m.text);
    expect(texts.length).toBeGreaterThan(3);
    expect(new Set(texts).size).toBe(texts.length);
    expect(done.providerId?.split(',')).toEqual(telegram.sentMessages('7200001').map((m) => String(m.message_id)));
  });

  test('a blocked chat moves a final grade to the verified email the guardian did not pick for everyday messages', async () => {
    telegram.setRateLimit(false);
    const families = [];
    for (let i = 0; i < 5; i += 1) {
      const family = await createFamily(db.prisma, { telegramChat: String(7_300_000 + i), email: `quiet-${i}@example.test` });
      await db.prisma.channel.updateMany({ where: { guardianId: family.guardianId, type: 'email' }, data: { enabled: false } });
      families.push(family);
    }
    telegram.addFault({ method: 'sendMessage', fault: faults.blocked() });
    for (const [i, family] of families.entries()) await enqueue(db, family.guardianId, 'telegram', finalMarkPayload(`blocked-${i}`));
    // An everyday message does not go to the address the guardian turned off.
    const everyday = await enqueue(db, families[0]!.guardianId, 'email', finalMarkPayload('everyday'), 'mark');
    const tg = createTelegramSender({ token: TOKEN, apiRoot: telegram.apiRoot, perSecond: 500, perChatPerSecond: 500 });
    await createDispatcher({ pool: db.pool, sender: tg, workerId: 'tg' }).runOnce();
    const mailer = createMailer({ smtpUrl: smtp.url, mailFrom: 'Vestnik <v@school.test>', dataDir: '.' }, { pool: { maxConnections: 2, messagesPerSecond: 100 } });
    try {
      const email = createEmailSender({ mailer, publicUrl: 'http://vestnik.test', secret: 'test-secret-0123456789abcdef' });
      await createDispatcher({ pool: db.pool, sender: email, workerId: 'mail' }).runOnce();
      await smtp.waitFor(5);
    } finally {
      mailer.close();
    }
    const to = smtp.received.map((m) => (m.to && 'text' in m.to ? m.to.text : '')).sort();
    expect(to).toEqual(families.map((_, i) => `quiet-${i}@example.test`));
    expect(await db.prisma.outboxMessage.count({ where: { channelType: 'email', kind: 'final_mark', status: 'sent' } })).toBe(5);
    expect(await db.prisma.outboxMessage.count({ where: { channelType: 'paper', kind: 'final_mark' } })).toBe(0);
    expect((await status(everyday)).status).toBe('fell_back');
  });
});
