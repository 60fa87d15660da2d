import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { testContext } from '../../support/context.js';
import { createHttpApp } from '../../../src/http/create-http-app.js';
import { notificationLinkRoutes } from '../../../src/http/notifications/notification-links.js';
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
  smtp.rejectRecipients.clear();
  await db.pool.query(`DELETE FROM outbox_messages`);
});

const emailSender = (options: Partial<EmailSenderOptions> = {}) => createEmailSender({ mailer, publicUrl: 'http://vestnik.test', secret: SECRET, ...options });
const dispatcher = (sender: ChannelSender = emailSender()) => createDispatcher({ pool: db.pool, sender, workerId: 'mail' });
const row = (id: string) => db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } });
/** Time passes until every held or backed-off message is due again. */
const dueNow = () => db.pool.query(`UPDATE outbox_messages SET "nextAttemptAt" = now() WHERE status = 'queued'`);
const emailChannel = (guardianId: string) => db.prisma.channel.findFirstOrThrow({ where: { guardianId, type: 'email' } });

describe('email dispatch', () => {
  test('HTML and plain text, one-click List-Unsubscribe, and an acknowledge link that works without login, once', async () => {
    const family = await createFamily(db.prisma, { telegramChat: null, email: 'anna@example.test' });
    const id = await enqueue(db, family.guardianId, 'email', finalMarkPayload('e1'));
    await dispatcher().runOnce();
    const [mail] = await smtp.waitFor(1);
    expect(mail?.subject).toBe('Итоговая отметка: Иванов Пётр');
    expect(mail?.text).toContain('Математика <алгебра>');
    expect(mail?.html).toContain('Математика &lt;алгебра&gt;');
    // mailparser folds List-* headers into one object; the raw lines show what clients see.
    const header = (name: string) => mail?.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, '').replace(/\s+/g, ' ');
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const unsubscribe = (header('list-unsubscribe') ?? '').replace(/^<|>$/g, '');
    expect(unsubscribe).toMatch(/^http:\/\/vestnik\.test\/unsubscribe\//);
    expect((await row(id)).status).toBe('sent');

    const ack = /http:\/\/vestnik\.test(\/ack\/[^\s]+)/.exec(mail?.text ?? '')?.[1];
    expect(ack).toBeDefined();
    const app = await createHttpApp(testContext(db), { plugins: [notificationLinkRoutes] });
    const page = await app.inject({ method: 'GET', url: ack! });
    expect(page.statusCode).toBe(200);
    expect(await db.prisma.acknowledgment.count()).toBe(0);
    const first = await app.inject({ method: 'POST', url: ack! });
    const second = await app.inject({ method: 'POST', url: ack! });
    expect(first.body).toContain('Спасибо');
    expect(second.statusCode).toBe(200);
    const acks = await db.prisma.acknowledgment.findMany({ where: { guardianId: family.guardianId } });
    expect(acks).toHaveLength(1);
    expect(acks[0]).toMatchObject({ outboxMessageId: id, channelType: 'email', subject: 'final_mark' });
    expect((await row(id)).status).toBe('acknowledged');
    const forged = await app.inject({ method: 'POST', url: `${ack!.slice(0, -3)}abc` });
    expect(forged.statusCode).toBe(400);

    const path = new URL(unsubscribe.replace(/^<|>$/g, '')).pathname;
    const off = await app.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
    expect(off.statusCode).toBe(200);
    expect((await db.prisma.channel.findFirstOrThrow({ where: { guardianId: family.guardianId, type: 'email' } })).enabled).toBe(false);
    await app.close();
  });

  test('a temporary SMTP error is retried; a rejected mailbox falls back to paper and turns the channel inactive', async () => {
    const family = await createFamily(db.prisma, { telegramChat: null, email: 'temp@example.test' });
    smtp.temporaryFailures = 1;
    const id = await enqueue(db, family.guardianId, 'email', finalMarkPayload('e451'));
    await dispatcher().runOnce();
    expect((await row(id)).status).toBe('queued');
    expect((await row(id)).error).toContain('451');
    await db.pool.query(`UPDATE outbox_messages SET "nextAttemptAt" = now() WHERE id = $1`, [id]);
    await dispatcher().runOnce();
    expect((await row(id)).status).toBe('sent');

  });

  test('a 5xx at RCPT for one address turns that channel inactive once the server accepts others, and the message goes to paper', async () => {
    const sender = emailSender();
    const gone = await createFamily(db.prisma, { telegramChat: null, email: 'gone@example.test' });
    smtp.rejectRecipients.add('gone@example.test');
    const lost = await enqueue(db, gone.guardianId, 'email', finalMarkPayload('e550'));
    await dispatcher(sender).runOnce();
    // Alone, the refusal could be the server's: held, the address kept.
    expect((await row(lost)).status).toBe('queued');
    expect((await emailChannel(gone.guardianId)).active).toBe(true);

    const fine = await createFamily(db.prisma, { telegramChat: null, email: 'fine@example.test' });
    const ok = await enqueue(db, fine.guardianId, 'email', finalMarkPayload('e250'));
    await dispatcher(sender).runOnce();
    expect((await row(ok)).status).toBe('sent');

    await dueNow();
    await dispatcher(sender).runOnce();
    const failed = await row(lost);
    expect(failed.status).toBe('fell_back');
    expect(failed.error).toContain('550');
    expect((await row(failed.fallbackId!)).channelType).toBe('paper');
    expect((await emailChannel(gone.guardianId)).active).toBe(false);
    expect((await emailChannel(fine.guardianId)).active).toBe(true);
  });
});
