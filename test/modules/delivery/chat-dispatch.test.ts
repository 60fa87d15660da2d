// Pushed messages over each chat messenger, table-driven: the same outbox rows, the same
// expectations, once through Telegram's fake Bot API and once through MAX's.
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { createDispatcher } from '../../../src/modules/delivery/dispatch-loop.js';
import { createEmailSender } from '../../../src/channels/email/email-sender.js';
import { createMailer } from '../../../src/mail/create-mailer.js';
import type { DigestMessagePayload } from '../../../src/modules/notifications/types.js';
import { chatDrivers } from './chat-drivers.js';
import { enqueue, finalMarkPayload } from './helpers.js';
import { startSmtpSink, type SmtpSink } from './smtp-sink.js';

let db: TestDatabase;
let smtp: SmtpSink;
const mailers: Array<{ close(): void }> = [];

beforeAll(async () => {
  db = await createTestDatabase();
  smtp = await startSmtpSink();
});
afterAll(async () => {
  for (const mailer of mailers) mailer.close();
  await smtp.close();
  await db.drop();
});

const status = (id: string) => db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } });
const dueNow = (id: string) => db.pool.query(`UPDATE outbox_messages SET "nextAttemptAt" = now() WHERE id = $1`, [id]);

function emailDispatcher() {
  const mailer = createMailer({ smtpUrl: smtp.url, mailFrom: 'Vestnik <v@school.test>', dataDir: '.' }, { pool: { maxConnections: 2, messagesPerSecond: 100 } });
  mailers.push(mailer);
  return createDispatcher({ pool: db.pool, sender: createEmailSender({ mailer, publicUrl: 'http://vestnik.test', secret: 'test-secret-0123456789abcdef' }), workerId: 'mail' });
}

function longDigest(cause: string): DigestMessagePayload {
  const notes = Array.from({ length: 120 }, (_, i) => ({ teacher: 'М. И. Петрова', date: '2026-11-20', text: `Заметка ${i} `.repeat(8) }));
  return {
    cause,
    lang: 'ru',
    digest: { since: null, until: '2026-11-21T00:00:00.000Z', empty: false, children: [{ studentName: 'Пётр', className: '5А', marks: [], absences: [], subjects: [], tests: [], homework: [], timetable: [], notes, holidays: [] }] },
  };
}

describe.each(chatDrivers())('%s dispatch', (_name, chat) => {
  beforeAll(() => chat.start());
  afterAll(() => chat.close());
  beforeEach(async () => {
    chat.reset();
    smtp.received.length = 0;
    await db.pool.query(`DELETE FROM outbox_messages`);
  });

  const dispatcher = (timeoutSeconds = 5) => createDispatcher({ pool: db.pool, sender: chat.sender({ perSecond: 500, timeoutSeconds, pool: db.pool }), workerId: 'test' });

  test('sends escaped HTML with an Acknowledge button and records the message as sent', async () => {
    const family = await chat.family(db.prisma);
    const id = await enqueue(db, family.guardianId, chat.type, finalMarkPayload('c1'));
    expect(await dispatcher().runOnce()).toBe(1);
    const [message] = chat.delivered();
    expect(message?.address).toBe(family.address);
    expect(message?.html).toBe(true);
    expect(message?.text).toContain('Математика &lt;алгебра&gt;');
    expect(message?.button).toEqual({ text: expect.stringContaining('Ознакомлен'), payload: `ackmsg:${id}` });
    const row = await status(id);
    expect(row.status).toBe('sent');
    expect(row.providerId).toBe(message?.id);
  });

  test('a long digest is split at the messenger’s limit with the button on the last part only', async () => {
    const family = await chat.family(db.prisma);
    await enqueue(db, family.guardianId, chat.type, longDigest('digest:long'), 'digest');
    await dispatcher().runOnce();
    const parts = chat.delivered();
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => p.text.length <= chat.limit)).toBe(true);
    expect(parts.slice(0, -1).every((p) => !p.button)).toBe(true);
    expect(parts.at(-1)?.button?.text).toContain('Ознакомлен');
  });

  test('a split message that fails part-way resumes after the parts already delivered', async () => {
    const family = await chat.family(db.prisma);
    const id = await enqueue(db, family.guardianId, chat.type, longDigest('digest:parts'), 'digest');
    // The third part meets a server error.
    chat.serverError({ fraction: 1 / 3, times: 1 });
    await dispatcher().runOnce();
    const halfway = await status(id);
    expect(halfway.status).toBe('queued');
    expect(halfway.partsSent).toBe(2);
    await dueNow(id);
    await dispatcher().runOnce();
    const done = await status(id);
    expect(done.status).toBe('sent');
    const texts = chat.delivered(family.address).map((m) => m.text);
    expect(texts.length).toBeGreaterThan(3);
    expect(new Set(texts).size).toBe(texts.length);
    expect(done.providerId?.split(',')).toEqual(chat.delivered(family.address).map((m) => m.id));
  });

  test('a server error and a request left unanswered past the send timeout are retried with backoff, then sent', async () => {
    const family = await chat.family(db.prisma);
    chat.serverError({ times: 1 });
    const id = await enqueue(db, family.guardianId, chat.type, finalMarkPayload('c500'));
    const d = dispatcher(1);
    await d.runOnce();
    let row = await status(id);
    expect(row.status).toBe('queued');
    expect(row.error).toMatch(/50\d/);
    expect(row.attempts).toBe(1);
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    // Time passes; the next attempt meets a server that never answers.
    chat.hang({ times: 1 });
    await dueNow(id);
    await d.runOnce();
    row = await status(id);
    expect(row.status).toBe('queued');
    expect(row.error).toContain('network');
    expect(row.attempts).toBe(2);
    await dueNow(id);
    await d.runOnce();
    expect((await status(id)).status).toBe('sent');
    expect(chat.delivered(family.address)).toHaveLength(1);
  });

  test('a connection closed without an answer is a network error: retried, then sent', async () => {
    const family = await chat.family(db.prisma);
    chat.dropConnection({ times: 1 });
    const id = await enqueue(db, family.guardianId, chat.type, finalMarkPayload('c-drop'));
    await dispatcher().runOnce();
    const row = await status(id);
    expect(row).toMatchObject({ status: 'queued', attempts: 1 });
    expect(row.error).toContain('network');
    await dueNow(id);
    await dispatcher().runOnce();
    expect((await status(id)).status).toBe('sent');
    expect(chat.delivered(family.address)).toHaveLength(1);
  });

  test('a 400 falls back at once and leaves the chat active: the next channel may still deliver', async () => {
    const family = await chat.family(db.prisma, { email: 'bad-request@example.test' });
    chat.badRequest({ times: 1 });
    const id = await enqueue(db, family.guardianId, chat.type, finalMarkPayload('c-400'));
    await dispatcher().runOnce();
    const row = await status(id);
    expect(row.status).toBe('fell_back');
    expect(row.error).toContain('400');
    expect((await status(row.fallbackId!)).channelType).toBe('email');
    expect((await db.prisma.channel.findFirstOrThrow({ where: { guardianId: family.guardianId, type: chat.type } })).active).toBe(true);
  });

  test('a 429 hands the row back without counting an attempt; it is sent on the next round', async () => {
    const family = await chat.family(db.prisma);
    chat.flood({ times: 1 });
    const id = await enqueue(db, family.guardianId, chat.type, finalMarkPayload('c429'));
    await dispatcher().runOnce();
    const row = await status(id);
    expect(row.status).toBe('queued');
    expect(row.attempts).toBe(0);
    expect(row.error).toContain('429');
    await dueNow(id);
    await dispatcher().runOnce();
    expect((await status(id)).status).toBe('sent');
  });

  test('a parent who stopped the bot: the chat turns inactive and the final grade goes by the verified email, due by the same 24-hour deadline', async () => {
    const family = await chat.family(db.prisma, { email: 'anna@example.test' });
    chat.stop(family.address);
    const id = await enqueue(db, family.guardianId, chat.type, finalMarkPayload('c403'));
    await dispatcher().runOnce();
    const row = await status(id);
    expect(row.status).toBe('fell_back');
    expect(row.error).toContain('403');
    const channel = await db.prisma.channel.findFirstOrThrow({ where: { guardianId: family.guardianId, type: chat.type } });
    expect(channel.active).toBe(false);
    const fallback = await status(row.fallbackId!);
    expect(fallback).toMatchObject({ channelType: 'email', critical: true, deadlineAt: row.deadlineAt });
    await emailDispatcher().runOnce();
    const [mail] = await smtp.waitFor(1);
    expect(mail?.to && 'text' in mail.to ? mail.to.text : '').toContain('anna@example.test');
    expect((await status(fallback.id)).status).toBe('sent');
    expect((await status(fallback.id)).sentAt!.getTime()).toBeLessThan(row.deadlineAt!.getTime());
    // The next message skips the dead chat without calling the messenger.
    const calls = chat.sendCalls();
    const next = await enqueue(db, family.guardianId, chat.type, finalMarkPayload('c403b'));
    await dispatcher().runOnce();
    expect(chat.sendCalls()).toBe(calls);
    expect((await status(next)).status).toBe('fell_back');
  });

  test('a chat that is gone, with no email, falls back to paper', async () => {
    const family = await chat.family(db.prisma);
    chat.remove(family.address);
    const id = await enqueue(db, family.guardianId, chat.type, finalMarkPayload('c404'));
    await dispatcher().runOnce();
    const row = await status(id);
    expect(row.status).toBe('fell_back');
    expect((await db.prisma.channel.findFirstOrThrow({ where: { guardianId: family.guardianId, type: chat.type } })).active).toBe(false);
    expect((await status(row.fallbackId!)).channelType).toBe('paper');
  });

  test('after the last allowed attempt a failing channel hands the message on and stays active', async () => {
    const family = await chat.family(db.prisma);
    chat.serverError();
    const id = await enqueue(db, family.guardianId, chat.type, finalMarkPayload('c-max'));
    await db.pool.query(`UPDATE outbox_messages SET attempts = 7 WHERE id = $1`, [id]);
    await dispatcher().runOnce();
    const row = await status(id);
    expect(row.status).toBe('fell_back');
    expect((await db.prisma.channel.findFirstOrThrow({ where: { guardianId: family.guardianId, type: chat.type } })).active).toBe(true);
    chat.clearFaults();
  });
});
