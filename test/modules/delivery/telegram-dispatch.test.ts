import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { createFakeTelegram, faults, type FakeTelegram } from '../../support/fake-telegram.js';
import { createDispatcher } from '../../../src/modules/delivery/dispatch-loop.js';
import { createTelegramSender } from '../../../src/channels/telegram/telegram-sender.js';
import { createEmailSender } from '../../../src/modules/delivery/email-sender.js';
import { createMailer } from '../../../src/mail/create-mailer.js';
import type { DigestMessagePayload } from '../../../src/modules/notifications/types.js';
import { createFamily } from '../notifications/fixtures.js';
import { enqueue, finalMarkPayload } from './helpers.js';
import { startSmtpSink, type SmtpSink } from './smtp-sink.js';

let db: TestDatabase;
let telegram: FakeTelegram;
let smtp: SmtpSink;
const TOKEN = '123456:TEST-TOKEN-abcdef';

beforeAll(async () => {
  db = await createTestDatabase();
  telegram = await createFakeTelegram({ rateLimit: { globalPerSecond: 1000, perChatPerSecond: 1000 } });
  smtp = await startSmtpSink();
});
const mailers: Array<{ close(): void }> = [];
afterAll(async () => {
  for (const mailer of mailers) mailer.close();
  await telegram.close();
  await smtp.close();
  await db.drop();
});
beforeEach(() => telegram.reset());

function dispatcher(timeoutSeconds = 5) {
  const sender = createTelegramSender({ token: TOKEN, apiRoot: telegram.apiRoot, perSecond: 500, perChatPerSecond: 500, timeoutSeconds });
  return createDispatcher({ pool: db.pool, sender, workerId: 'test' });
}

function emailDispatcher() {
  const mailer = createMailer({ smtpUrl: smtp.url, mailFrom: 'Vestnik <v@school.test>', dataDir: '.' }, { pool: { maxConnections: 2, messagesPerSecond: 100 } });
  mailers.push(mailer);
  return createDispatcher({ pool: db.pool, sender: createEmailSender({ mailer, publicUrl: 'http://vestnik.test', secret: 'test-secret-0123456789abcdef' }), workerId: 'mail' });
}

const status = (id: string) => db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } });

describe('Telegram dispatch', () => {
  test('sends escaped HTML with an Acknowledge button and records the message as sent', async () => {
    const family = await createFamily(db.prisma);
    const id = await enqueue(db, family.guardianId, 'telegram', finalMarkPayload('c1'));
    expect(await dispatcher().runOnce()).toBe(1);
    const [message] = telegram.sentMessages();
    expect(message?.parse_mode).toBe('HTML');
    expect(message?.text).toContain('Математика &lt;алгебра&gt;');
    expect(message?.reply_markup?.inline_keyboard?.[0]?.[0]?.callback_data).toBe(`ackmsg:${id}`);
    const row = await status(id);
    expect(row.status).toBe('sent');
    expect(row.providerId).toBe(String(message?.message_id));
  });

  test('a final grade overtakes ordinary messages already waiting in the local queue', async () => {
    const family = await createFamily(db.prisma, { telegramChat: '555001' });
    for (let i = 1; i <= 30; i += 1) await enqueue(db, family.guardianId, 'telegram', finalMarkPayload(`plain-${i}`, `Обычный ${i}`), 'mark');
    // 5 messages/s and batches of 20: the loop refills its queue when fewer than 10 wait,
    // about two seconds after the first send, which leaves ample time to queue the grade.
    const sender = createTelegramSender({ token: TOKEN, apiRoot: telegram.apiRoot, perSecond: 5, perChatPerSecond: 500 });
    const loop = createDispatcher({ pool: db.pool, sender, workerId: 'test', concurrency: 1, batchSize: 20, idleMs: 50 });
    loop.start();
    try {
      await telegram.waitForMessage(555001, undefined, 5000);
      await enqueue(db, family.guardianId, 'telegram', finalMarkPayload('urgent', 'Срочный Иван'));
      // Let the rest go too, so no queued row is left for the next test.
      await telegram.waitFor(() => telegram.sentMessages().length === 31 || undefined, 15_000);
    } finally {
      await loop.stop();
    }
    const before = telegram.sentMessages().findIndex((m) => m.text.includes('Срочный'));
    // Sent with the next refill (after about 11), not after the 9 already queued at that point.
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThanOrEqual(14);
  });

  test('a long digest is split at 4096 characters with the button on the last part only', async () => {
    const family = await createFamily(db.prisma);
    const notes = Array.from({ length: 120 }, (_, i) => ({ teacher: 'М. И. Петрова', date: '2026-11-20', text: `Заметка ${i} `.repeat(8) }));
    const payload: DigestMessagePayload = {
      cause: 'digest:long',
      lang: 'ru',
      digest: { since: null, until: new Date().toISOString(), empty: false, children: [{ studentName: 'Пётр', className: '5А', marks: [], absences: [], subjects: [], tests: [], homework: [], timetable: [], notes, holidays: [] }] },
    };
    await enqueue(db, family.guardianId, 'telegram', payload, 'digest');
    await dispatcher().runOnce();
    const parts = telegram.sentMessages();
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => p.text.length <= 4096)).toBe(true);
    expect(parts.slice(0, -1).every((p) => !p.reply_markup)).toBe(true);
    expect(parts.at(-1)?.reply_markup?.inline_keyboard?.[0]?.[0]?.text).toContain('Ознакомлен');
  });

  test('a 429 for one chat hands its row back for retry_after, not as a failed attempt, and the others are sent meanwhile', async () => {
    const limited = await createFamily(db.prisma, { telegramChat: '429001' });
    const other = await createFamily(db.prisma, { telegramChat: '429002' });
    telegram.addFault({ method: 'sendMessage', chatId: '429001', times: 1, fault: faults.tooManyRequests(30) });
    const id = await enqueue(db, limited.guardianId, 'telegram', finalMarkPayload('c429'));
    const otherId = await enqueue(db, other.guardianId, 'telegram', finalMarkPayload('c429-other'));
    const before = await db.pool.query<{ now: Date }>('SELECT now()');
    await dispatcher().runOnce();
    const row = await status(id);
    expect(row.status).toBe('queued');
    expect(row.attempts).toBe(0);
    expect(row.error).toContain('429');
    // Not before Telegram's retry_after.
    expect(row.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before.rows[0]!.now.getTime() + 29_000);
    expect((await status(otherId)).status).toBe('sent');
    await db.pool.query(`UPDATE outbox_messages SET "nextAttemptAt" = now() WHERE id = $1`, [id]);
    await dispatcher().runOnce();
    expect((await status(id)).status).toBe('sent');
  });

  test('500 and a timed-out request are retried with backoff, then sent', async () => {
    const family = await createFamily(db.prisma);
    telegram.addFault({ method: 'sendMessage', times: 1, fault: faults.serverError() });
    const id = await enqueue(db, family.guardianId, 'telegram', finalMarkPayload('c500'));
    const d = dispatcher(1);
    await d.runOnce();
    let row = await status(id);
    expect(row.status).toBe('queued');
    expect(row.error).toContain('500');
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    // Time passes; the next attempt hits a server that does not answer within the timeout.
    telegram.addFault({ method: 'sendMessage', times: 1, fault: faults.delay(2500) });
    await db.pool.query(`UPDATE outbox_messages SET "nextAttemptAt" = now() WHERE id = $1`, [id]);
    await d.runOnce();
    row = await status(id);
    expect(row.status).toBe('queued');
    expect(row.error).toContain('network');
    expect(row.attempts).toBe(2);
    await db.pool.query(`UPDATE outbox_messages SET "nextAttemptAt" = now() WHERE id = $1`, [id]);
    await d.runOnce();
    expect((await status(id)).status).toBe('sent');
  });

  test('403 blocked: the channel turns inactive and the message falls back to the verified email', async () => {
    const family = await createFamily(db.prisma, { email: 'anna@example.test' });
    telegram.addFault({ method: 'sendMessage', times: 1, fault: faults.blocked() });
    const id = await enqueue(db, family.guardianId, 'telegram', finalMarkPayload('c403'));
    await dispatcher().runOnce();
    const row = await status(id);
    expect(row.status).toBe('fell_back');
    expect(row.error).toContain('403');
    const channel = await db.prisma.channel.findFirstOrThrow({ where: { guardianId: family.guardianId, type: 'telegram' } });
    expect(channel.active).toBe(false);
    const fallback = await status(row.fallbackId!);
    expect(fallback.channelType).toBe('email');
    await emailDispatcher().runOnce();
    const [mail] = await smtp.waitFor(1);
    expect(mail?.to && 'text' in mail.to ? mail.to.text : '').toContain('anna@example.test');
    expect((await status(fallback.id)).status).toBe('sent');
    // The next message skips the dead channel without calling Telegram.
    const next = await enqueue(db, family.guardianId, 'telegram', finalMarkPayload('c403b'));
    await dispatcher().runOnce();
    expect(telegram.sentMessages()).toHaveLength(0);
    expect((await status(next)).status).toBe('fell_back');
  });

  test('chat not found with no email falls back to paper', async () => {
    const family = await createFamily(db.prisma);
    telegram.addFault({ method: 'sendMessage', times: 1, fault: faults.chatNotFound() });
    const id = await enqueue(db, family.guardianId, 'telegram', finalMarkPayload('c400'));
    await dispatcher().runOnce();
    const row = await status(id);
    expect(row.status).toBe('fell_back');
    expect((await status(row.fallbackId!)).channelType).toBe('paper');
  });

  test('after the last allowed attempt a failing channel hands the message on', async () => {
    const family = await createFamily(db.prisma);
    telegram.addFault({ method: 'sendMessage', fault: faults.serverError() });
    const id = await enqueue(db, family.guardianId, 'telegram', finalMarkPayload('c-max'));
    await db.pool.query(`UPDATE outbox_messages SET attempts = 7 WHERE id = $1`, [id]);
    await dispatcher().runOnce();
    const row = await status(id);
    expect(row.status).toBe('fell_back');
    expect((await db.prisma.channel.findFirstOrThrow({ where: { guardianId: family.guardianId, type: 'telegram' } })).active).toBe(true);
    telegram.clearFaults();
  });
});
