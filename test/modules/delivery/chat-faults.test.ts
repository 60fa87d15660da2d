// Each chat sender under its messenger's real per-bot rate and small faults, table-driven
// over Telegram and MAX: a strict one-second sliding window, a storm of 429s, hung
// requests, and stopped bots whose guardians have a verified email they did not pick.
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { createMailer } from '../../../src/mail/create-mailer.js';
import { createDispatcher } from '../../../src/modules/delivery/dispatch-loop.js';
import { createEmailSender } from '../../../src/channels/email/email-sender.js';
import { chatDrivers, deliveredPerChat } from './chat-drivers.js';
import { enqueue, finalMarkPayload } from './helpers.js';
import { seedChats } from './seed-chats.js';
import { startSmtpSink, type SmtpSink } from './smtp-sink.js';

let db: TestDatabase;
let smtp: SmtpSink;

beforeAll(async () => {
  db = await createTestDatabase();
  smtp = await startSmtpSink();
});
afterAll(async () => {
  await smtp.close();
  await db.drop();
});

const status = (id: string) => db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } });
const dueNow = () => db.pool.query(`UPDATE outbox_messages SET "nextAttemptAt" = now() WHERE status = 'queued'`);

describe.each(chatDrivers())('%s sender under limits and faults', (_name, chat) => {
  beforeAll(() => chat.start());
  afterAll(() => chat.close());
  beforeEach(async () => {
    chat.reset();
    chat.setRate(30);
    smtp.received.length = 0;
    await db.pool.query(`DELETE FROM outbox_messages`);
  });

  /** Runs the production loop until no row of this messenger is left to send. */
  async function sendAll(perSecond: number, timeoutSeconds?: number): Promise<void> {
    const sender = chat.sender({ perSecond, perChatPerSecond: 1, pool: db.pool, timeoutSeconds });
    const loop = createDispatcher({ pool: db.pool, sender, workerId: 'faults', concurrency: 8, batchSize: perSecond * 2, idleMs: 50 });
    loop.start();
    try {
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const { rows } = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox_messages WHERE "channelType" = $1 AND status IN ('queued', 'sending')`, [chat.type]);
        if (rows[0]?.n === 0) break;
        // Backoff after a failed attempt is not what these tests are about.
        await dueNow();
      }
    } finally {
      await loop.stop();
    }
  }

  async function seed(n: number, first: number): Promise<void> {
    await seedChats(db.pool, n, first, 'mark', false, chat.type);
    chat.reach(first + 1, first + n);
  }

  test('at the configured 30 messages/s a strict one-second window never answers 429, and every message arrives once', async () => {
    await seed(120, 7_000_000);
    await sendAll(30);
    expect(chat.overRate()).toBe(0);
    const counts = deliveredPerChat(chat, 7_000_001, 7_000_120);
    expect(counts.size).toBe(120);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  }, 30_000);

  test('a storm of 429s loses nothing and counts no attempt, and the sender itself never goes over the rate', async () => {
    await seed(90, 7_500_000);
    // Every fourth request of the first eighty is refused, as during a flood on the messenger's side.
    chat.flood({ fraction: 0.25, times: 20 });
    await sendAll(30);
    expect(chat.overRate()).toBe(0);
    const counts = deliveredPerChat(chat, 7_500_001, 7_500_090);
    expect(counts.size).toBe(90);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    // A 429 is no failed attempt: every row went out on its first counted one.
    expect(await db.prisma.outboxMessage.count({ where: { attempts: { gt: 1 } } })).toBe(0);
    // The storm did happen: twenty requests were refused and sent again.
    expect(chat.sendCalls()).toBe(90 + 20);
  }, 30_000);

  test('hung requests are given up after the send timeout and their messages sent again; the rest go meanwhile', async () => {
    chat.setRate(200);
    await seed(100, 7_100_000);
    chat.hang({ fraction: 0.02, times: 2 });
    await sendAll(150, 1);
    expect(chat.overRate()).toBe(0);
    const counts = deliveredPerChat(chat, 7_100_001, 7_100_100);
    expect(counts.size).toBe(100);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    const retried = await db.prisma.outboxMessage.findMany({ where: { attempts: { gt: 1 } } });
    expect(retried).toHaveLength(2);
  }, 30_000);

  test('a stopped bot moves a final grade to the verified email the guardian did not pick for everyday messages', async () => {
    chat.setRate(false);
    const families = [];
    for (let i = 0; i < 5; i += 1) {
      const family = await chat.family(db.prisma, { email: `quiet-${i}@example.test` });
      await db.prisma.channel.updateMany({ where: { guardianId: family.guardianId, type: 'email' }, data: { enabled: false } });
      chat.stop(family.address);
      families.push(family);
    }
    for (const [i, family] of families.entries()) await enqueue(db, family.guardianId, chat.type, finalMarkPayload(`blocked-${i}`));
    // An everyday message does not go to the address the guardian turned off.
    const everyday = await enqueue(db, families[0]!.guardianId, 'email', finalMarkPayload('everyday'), 'mark');
    await createDispatcher({ pool: db.pool, sender: chat.sender({ perSecond: 500 }), workerId: 'chat' }).runOnce();
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
    expect(await db.prisma.channel.count({ where: { guardianId: { in: families.map((f) => f.guardianId) }, type: chat.type, active: false } })).toBe(5);
    expect((await status(everyday)).status).toBe('fell_back');
  });
});
