// Email when the mail server fails rather than one mailbox: an outage, a refusal of every
// recipient, the hold age after which mail moves on, and one rate for all worker processes.
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { createMailer, type Mailer } from '../../../src/mail/create-mailer.js';
import { createDispatcher } from '../../../src/modules/delivery/dispatch-loop.js';
import { createEmailSender, type EmailSenderOptions } from '../../../src/channels/email/email-sender.js';
import type { ChannelSender } from '../../../src/modules/delivery/types.js';
import { createFamily } from '../notifications/fixtures.js';
import { enqueue, finalMarkPayload } from './helpers.js';
import { startSmtpSink, type SmtpSink } from './smtp-sink.js';

let db: TestDatabase;
let smtp: SmtpSink;
let mailer: Mailer;
const SECRET = 'test-secret-0123456789abcdef';

beforeAll(async () => {
  db = await createTestDatabase();
  smtp = await startSmtpSink();
  mailer = createMailer({ smtpUrl: smtp.url, mailFrom: 'Vestnik <v@school.test>', dataDir: '.' }, { pool: { maxConnections: 2, messagesPerSecond: 200 } });
});
afterAll(async () => {
  mailer.close();
  await smtp.close();
  await db.drop();
});
beforeEach(async () => {
  smtp.received.length = 0;
  smtp.arrivals.length = 0;
  Object.assign(smtp, { outage: false, rejectAll: false, temporaryFailures: 0 });
  await db.pool.query(`DELETE FROM outbox_messages`);
});

const emailSender = (options: Partial<EmailSenderOptions> = {}) => createEmailSender({ mailer, publicUrl: 'http://vestnik.test', secret: SECRET, ...options });
const dispatcher = (sender: ChannelSender = emailSender()) => createDispatcher({ pool: db.pool, sender, workerId: 'mail' });
const row = (id: string) => db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } });
/** Time passes until every held or backed-off message is due again. */
const dueNow = () => db.pool.query(`UPDATE outbox_messages SET "nextAttemptAt" = now() WHERE status = 'queued'`);
const emailChannel = (guardianId: string) => db.prisma.channel.findFirstOrThrow({ where: { guardianId, type: 'email' } });

/** n guardians with an email each and one queued message each (final grades first, then marks). */
async function queueEmails(n: number, prefix: string, finals = n): Promise<Array<{ id: string; guardianId: string }>> {
  const queued = [];
  for (let i = 0; i < n; i += 1) {
    const family = await createFamily(db.prisma, { telegramChat: null, email: `${prefix}-${i}@example.test` });
    const id = await enqueue(db, family.guardianId, 'email', finalMarkPayload(`${prefix}-${i}`), i < finals ? 'final_mark' : 'mark');
    queued.push({ id, guardianId: family.guardianId });
  }
  return queued;
}

describe('email when the mail server fails', () => {
  test('a mail server outage holds every email without using up its attempts; all go once the server is back', async () => {
    const queued = await queueEmails(12, 'outage', 6);
    smtp.outage = true;
    const sender = emailSender();
    // More rounds than the 8 attempts a message has.
    for (let round = 0; round < 10; round += 1) {
      await dispatcher(sender).runOnce();
      await dueNow();
    }
    const rows = await db.prisma.outboxMessage.findMany({ where: { id: { in: queued.map((q) => q.id) } } });
    expect(rows.map((r) => r.status)).toEqual(Array(12).fill('queued'));
    expect(Math.max(...rows.map((r) => r.attempts))).toBe(0);
    expect(await db.prisma.outboxMessage.count({ where: { channelType: 'paper' } })).toBe(0);
    expect(smtp.received).toHaveLength(0);

    smtp.outage = false;
    await dispatcher(sender).runOnce();
    await smtp.waitFor(12);
    expect(await db.prisma.outboxMessage.count({ where: { id: { in: queued.map((q) => q.id) }, status: 'sent' } })).toBe(12);
    expect(await db.prisma.channel.count({ where: { guardianId: { in: queued.map((q) => q.guardianId) }, active: false } })).toBe(0);
  });

  test('a server answering 451 to every message holds them all without using up their attempts', async () => {
    const queued = await queueEmails(6, 'busy', 3);
    const sender = emailSender();
    for (let round = 0; round < 10; round += 1) {
      smtp.temporaryFailures = 100;
      await dispatcher(sender).runOnce();
      await dueNow();
    }
    const rows = await db.prisma.outboxMessage.findMany({ where: { id: { in: queued.map((q) => q.id) } } });
    expect(rows.map((r) => r.status)).toEqual(Array(6).fill('queued'));
    expect(Math.max(...rows.map((r) => r.attempts))).toBe(0);
    smtp.temporaryFailures = 0;
    await dispatcher(sender).runOnce();
    await smtp.waitFor(6);
  });

  test('past its hold age a held email goes to paper: a final grade at the 12-hour point, anything else after the hold hours', async () => {
    const [finalDue, finalHeld, markDue] = await queueEmails(3, 'aged', 2);
    const hour = 3_600_000;
    // Published 13 hours ago (deadline in 11 hours), published 11 hours ago, queued 73 hours ago.
    await db.pool.query(`UPDATE outbox_messages SET "deadlineAt" = now() + make_interval(secs => $2::float8 / 1000) WHERE id = $1`, [finalDue!.id, 11 * hour]);
    await db.pool.query(`UPDATE outbox_messages SET "deadlineAt" = now() + make_interval(secs => $2::float8 / 1000) WHERE id = $1`, [finalHeld!.id, 13 * hour]);
    await db.pool.query(`UPDATE outbox_messages SET "createdAt" = now() - make_interval(secs => $2::float8 / 1000) WHERE id = $1`, [markDue!.id, 73 * hour]);
    smtp.outage = true;
    await dispatcher(emailSender({ holdHours: 72 })).runOnce();
    for (const moved of [finalDue!, markDue!]) {
      const original = await row(moved.id);
      expect(original.status).toBe('fell_back');
      expect((await row(original.fallbackId!)).channelType).toBe('paper');
      expect((await emailChannel(moved.guardianId)).active).toBe(true);
    }
    expect((await row(finalHeld!.id)).status).toBe('queued');
  });

  test('a server that refuses every recipient (550 relaying denied) turns no channel inactive and sends nothing to paper', async () => {
    const queued = await queueEmails(20, 'relay', 10);
    smtp.rejectAll = true;
    const sender = emailSender();
    for (let round = 0; round < 3; round += 1) {
      await dispatcher(sender).runOnce();
      await dueNow();
    }
    expect(await db.prisma.channel.count({ where: { guardianId: { in: queued.map((q) => q.guardianId) }, active: false } })).toBe(0);
    expect(await db.prisma.outboxMessage.count({ where: { channelType: 'paper' } })).toBe(0);
    expect((await row(queued[0]!.id)).error).toContain('550');

    smtp.rejectAll = false;
    await dispatcher(sender).runOnce();
    await smtp.waitFor(20);
    expect(await db.prisma.outboxMessage.count({ where: { id: { in: queued.map((q) => q.id) }, status: 'sent' } })).toBe(20);
  });

  test('the email rate is one limit for the whole deployment, not one per worker process', async () => {
    await queueEmails(30, 'rate', 0);
    // Two workers, each with its own mailer and sender, as two processes would have.
    const workers = [0, 1].map(() => {
      const own = createMailer({ smtpUrl: smtp.url, mailFrom: 'Vestnik <v@school.test>', dataDir: '.' }, { pool: { maxConnections: 4, messagesPerSecond: 10 } });
      const sender = createEmailSender({ mailer: own, publicUrl: 'http://vestnik.test', secret: SECRET, pool: db.pool, perSecond: 10 });
      return { own, dispatcher: createDispatcher({ pool: db.pool, sender, workerId: `mail-${Math.random()}`, batchSize: 15, concurrency: 4 }) };
    });
    try {
      await Promise.all(workers.map((w) => w.dispatcher.runOnce()));
      await smtp.waitFor(30, 20_000);
    } finally {
      for (const w of workers) w.own.close();
    }
    // A provider counting our mail per second sees the configured 10, give or take the jitter of
    // opening connections at the start (two separate limits let all 30 through in one second).
    expect(smtp.maxPerSecond()).toBeLessThanOrEqual(13);
  }, 30_000);
});
