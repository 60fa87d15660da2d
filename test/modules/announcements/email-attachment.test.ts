// An announcement by email through a real SMTP server: the file travels attached, and the
// acknowledge link records the acknowledgment on the email channel.
import { createEmailSender } from '../../../src/channels/email/email-sender.js';
import { createHttpApp } from '../../../src/http/create-http-app.js';
import { notificationLinkRoutes } from '../../../src/http/notifications/notification-links.js';
import { createMailer, type Mailer } from '../../../src/mail/create-mailer.js';
import { createAnnouncement, loadAnnouncementTracking } from '../../../src/modules/announcements/index.js';
import { createDispatcher } from '../../../src/modules/delivery/dispatch-loop.js';
import type { OutboxPayload } from '../../../src/modules/notifications/types.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { SECRET, testContext } from '../../support/staff-fixture.js';
import { startSmtpSink, type SmtpSink } from '../delivery/smtp-sink.js';
import { createAnnouncementFixture, type AnnouncementFixture } from './announcement-fixture.js';

let db: TestDatabase;
let smtp: SmtpSink;
let mailer: Mailer;
let f: AnnouncementFixture;
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');

beforeAll(async () => {
  db = await createTestDatabase();
  smtp = await startSmtpSink();
  mailer = createMailer({ smtpUrl: smtp.url, mailFrom: 'Vestnik <v@school.test>', dataDir: '.' });
  f = await createAnnouncementFixture(db.prisma);
  // Petrov's mailbox works again.
  await db.prisma.channel.updateMany({ where: { guardianId: f.guardians.petrov, type: 'email' }, data: { active: true, inactiveReason: null } });
});
afterAll(async () => {
  mailer.close();
  await smtp.close();
  await db.drop();
});

test('the email carries the PDF attached and an acknowledge link that records it on email', async () => {
  // The dispatcher claims what is due by the database's clock, so the announcement is made on
  // that clock (the real one, or the one faketime moves for the database and the test alike).
  const sendNow = new Date();
  const created = await createAnnouncement(
    db.prisma,
    f.teacherA,
    {
      audience: { kind: 'classes', classIds: [f.classA.id] },
      text: 'Просим подписать согласие на экскурсию (во вложении).',
      ackRequired: true,
      urgent: false,
      sendAt: null,
      attachment: { fileName: 'согласие на экскурсию.pdf', mimeType: 'application/pdf', bytes: PDF },
    },
    sendNow,
  );
  const sender = createEmailSender({ mailer, publicUrl: 'http://vestnik.test', secret: SECRET, pool: db.pool });
  await createDispatcher({ pool: db.pool, sender, workerId: 'mail' }).runOnce();
  const [mail] = await smtp.waitFor(1);
  expect(mail?.to && 'text' in mail.to ? mail.to.text : '').toContain('petrov@example.org');
  expect(mail?.subject).toBe('Объявление: Школа №1');
  expect(mail?.text).toContain('Просим подписать согласие на экскурсию (во вложении).');
  expect(mail?.text).toContain('Файл «согласие на экскурсию.pdf» приложен к письму.');
  expect(mail?.attachments).toHaveLength(1);
  expect(mail?.attachments[0]).toMatchObject({ filename: 'согласие на экскурсию.pdf', contentType: 'application/pdf' });
  expect(mail?.attachments[0]?.content.equals(PDF)).toBe(true);

  const ack = /http:\/\/vestnik\.test(\/ack\/\S+)/.exec(mail?.text ?? '')?.[1];
  expect(ack).toBeDefined();
  const app = await createHttpApp(testContext(db), { plugins: [notificationLinkRoutes] });
  try {
    const res = await app.inject({ method: 'POST', url: ack!, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: '' });
    expect(res.statusCode).toBe(200);
  } finally {
    await app.close();
  }
  const tracking = await loadAnnouncementTracking(db.prisma, f.teacherA, created.id, sendNow);
  expect(tracking.families.find((x) => x.guardianId === f.guardians.petrov)).toMatchObject({ channel: 'email', status: 'sent', acknowledgedOn: 'email' });
});

test('the signed attachment link of a chat message opens the file and marks it read; a forged one does not', async () => {
  const app = await createHttpApp(testContext(db), { plugins: [notificationLinkRoutes] });
  try {
    const chat = await db.prisma.outboxMessage.findFirstOrThrow({ where: { kind: 'announcement', channelType: 'telegram', guardianId: f.guardians.ivanova } });
    const { attachmentUrl } = await import('../../../src/modules/announcements/index.js');
    const url = attachmentUrl({ id: chat.id, payload: chat.payload as unknown as OutboxPayload }, { publicUrl: '', secret: SECRET })!;
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^inline; /);
    expect(res.rawPayload.equals(PDF)).toBe(true);
    const read = await db.prisma.announcementRead.findFirstOrThrow({ where: { guardianId: f.guardians.ivanova } });
    expect(read.channelType).toBe('telegram');
    const forged = await app.inject({ method: 'GET', url: url.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a')), headers: { 'accept-language': 'ru' } });
    expect(forged.statusCode).toBe(404);
    expect(forged.body).toContain('Ссылка недействительна');
  } finally {
    await app.close();
  }
});
