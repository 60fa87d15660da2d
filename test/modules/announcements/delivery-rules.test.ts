// How announcements go out, driven by a fixed clock: when due through the planner pass, held
// by quiet hours unless urgent, down the same fallbacks to email and paper, never twice.
import { createAnnouncement, cancelAnnouncement, loadAnnouncementTracking, sendDueAnnouncements } from '../../../src/modules/announcements/index.js';
import { fallBack } from '../../../src/modules/delivery/fall-back.js';
import { planPending } from '../../../src/modules/notifications/plan-pending.js';
import { createPaperBatch } from '../../../src/modules/paper/create-paper-batch.js';
import { renderPaperBatchPdf } from '../../../src/modules/paper/render-paper-batch-pdf.js';
import type { AnnouncementInput } from '../../../src/modules/announcements/index.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { createAnnouncementFixture, NOW, type AnnouncementFixture } from './announcement-fixture.js';

let db: TestDatabase;
let n = 0;
const HOUR = 3_600_000;

const input = (f: AnnouncementFixture, over: Partial<AnnouncementInput> = {}): AnnouncementInput => ({
  audience: { kind: 'classes', classIds: [f.classA.id] },
  text: 'Завтра сбор макулатуры.',
  ackRequired: false,
  urgent: false,
  sendAt: null,
  ...over,
});
const rowsOf = (id: string) => db.prisma.outboxMessage.findMany({ where: { kind: 'announcement', payload: { path: ['announcementId'], equals: id } }, orderBy: { createdAt: 'asc' } });
const fixture = () => createAnnouncementFixture(db.prisma, `Школа №${++n}`);

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

test('a scheduled announcement waits for its time, then the planner pass sends it once; a cancelled one never goes', async () => {
  const f = await fixture();
  const at = new Date(NOW.getTime() + 2 * HOUR);
  const scheduled = await createAnnouncement(db.prisma, f.admin, input(f, { sendAt: at }), NOW);
  const cancelled = await createAnnouncement(db.prisma, f.admin, input(f, { sendAt: at, text: 'Отменим' }), NOW);
  expect(scheduled).toMatchObject({ status: 'scheduled', recipients: 0 });
  await cancelAnnouncement(db.prisma, f.admin, cancelled.id, NOW);
  expect(await sendDueAnnouncements(db.pool, new Date(at.getTime() - 60_000))).toBe(0);
  expect(await rowsOf(scheduled.id)).toHaveLength(0);
  // Two workers' passes at the same moment: the row lock lets one of them send it.
  const passes = await Promise.all([planPending(db, { now: () => at }), planPending(db, { now: () => at })]);
  expect(passes.map((p) => p.announcements).sort()).toEqual([0, 1]);
  const rows = await rowsOf(scheduled.id);
  expect(rows.map((r) => r.channelType).sort()).toEqual(['paper', 'telegram']);
  expect(rows.every((r) => r.nextAttemptAt.getTime() === at.getTime())).toBe(true);
  expect(await db.prisma.announcement.findFirstOrThrow({ where: { id: scheduled.id } })).toMatchObject({ status: 'sent', sentAt: at });
  expect(await rowsOf(cancelled.id)).toHaveLength(0);
  // A later pass (a replay after a crash) writes nothing more.
  await sendDueAnnouncements(db.pool, new Date(at.getTime() + HOUR));
  expect(await rowsOf(scheduled.id)).toHaveLength(2);
  const tracking = await loadAnnouncementTracking(db.prisma, f.admin, scheduled.id, at);
  expect(tracking.announcement.status).toBe('sending');
  const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { targetId: scheduled.id, action: 'announcement.send' } });
  expect(audit.actorType).toBe('system');
  await expect(cancelAnnouncement(db.prisma, f.admin, scheduled.id, at)).rejects.toMatchObject({ code: 'CONFLICT', details: { reason: 'already_sent' } });
});

test('quiet hours hold an ordinary announcement until they end; an urgent one from an admin goes at once', async () => {
  const f = await fixture();
  // 12:00Z is 15:00 in Moscow: inside 14:00–16:00.
  await db.prisma.notificationPreference.create({ data: { schoolId: f.schoolId, guardianId: f.guardians.ivanova, quietFrom: '14:00', quietTo: '16:00' } });
  const ordinary = await createAnnouncement(db.prisma, f.admin, input(f), NOW);
  const urgent = await createAnnouncement(db.prisma, f.admin, input(f, { urgent: true, text: 'Школа сегодня закрыта.' }), NOW);
  expect(ordinary.quietHoursDeferred).toBe(1);
  expect(urgent.quietHoursDeferred).toBe(0);
  const held = (await rowsOf(ordinary.id)).find((r) => r.guardianId === f.guardians.ivanova)!;
  expect(held.nextAttemptAt.toISOString()).toBe('2026-10-15T13:00:00.000Z');
  const rushed = (await rowsOf(urgent.id)).find((r) => r.guardianId === f.guardians.ivanova)!;
  expect(rushed.nextAttemptAt.toISOString()).toBe(NOW.toISOString());
});

test('an undeliverable chat falls back to email and then to paper, and the next paper batch carries the text and names the file', async () => {
  const f = await fixture();
  await db.prisma.channel.create({ data: { guardianId: f.guardians.ivanova, type: 'email', address: 'ivanova@example.org', verified: true, enabled: false } });
  const created = await createAnnouncement(
    db.prisma,
    f.teacherA,
    input(f, { ackRequired: true, attachment: { fileName: 'меню.png', mimeType: 'image/png', bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]) } }),
    NOW,
  );
  const chat = (await rowsOf(created.id)).find((r) => r.channelType === 'telegram')!;
  const toEmail = await fallBack(db.pool, chat.id, 'blocked', true);
  expect(toEmail.channelType).toBe('email');
  const toPaper = await fallBack(db.pool, toEmail.fallbackId!, 'mailbox gone', true);
  expect(toPaper.channelType).toBe('paper');
  const tracking = await loadAnnouncementTracking(db.prisma, f.teacherA, created.id, NOW);
  expect(tracking.families.map((x) => [x.guardianName, x.channel, x.status])).toEqual([
    ['Иванова Елена', 'paper', 'paper'],
    ['Петров Сергей', 'paper', 'paper'],
  ]);

  // Fallback rows are stamped by the database's clock, which the batch's end is compared with.
  const printedAt = new Date(Date.now() + HOUR);
  const batch = await createPaperBatch(db.pool, { schoolId: f.schoolId, classId: f.classA.id, now: printedAt });
  const ivanova = batch.statements.filter((s) => s.guardianId === f.guardians.ivanova);
  expect(ivanova[0]?.announcements).toEqual([expect.objectContaining({ text: 'Завтра сбор макулатуры.', attachmentName: 'меню.png', ackRequired: true, authorName: 'Анна Сергеевна' })]);
  expect(batch.statements.find((s) => s.guardianId === f.guardians.petrov)?.announcements).toHaveLength(1);
  const pdf = await renderPaperBatchPdf({ statements: batch.statements, coversFrom: batch.coversFrom, coversTo: batch.coversTo, lang: 'ru' });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  // Printed once: the paper rows count as delivered and the next batch does not repeat it.
  expect((await rowsOf(created.id)).filter((r) => r.channelType === 'paper').every((r) => r.status === 'sent')).toBe(true);
  await db.prisma.paperBatch.updateMany({ where: { classId: f.classA.id }, data: { handedOutAt: printedAt } });
  const next = await createPaperBatch(db.pool, { schoolId: f.schoolId, classId: f.classA.id, now: new Date(printedAt.getTime() + HOUR) });
  expect(next.statements.flatMap((s) => s.announcements)).toHaveLength(0);
});

test('a reminder without acknowledgment asked goes to those who have not read it, and not to paper', async () => {
  const f = await fixture();
  await db.prisma.channel.create({ data: { guardianId: f.guardians.smirnova, type: 'telegram', address: '3003', verified: true } });
  const created = await createAnnouncement(db.prisma, f.admin, { ...input(f), audience: { kind: 'school' } }, NOW);
  const { recordAnnouncementRead, remindAnnouncement } = await import('../../../src/modules/announcements/index.js');
  await recordAnnouncementRead(db.prisma, { announcementId: created.id, guardianId: f.guardians.ivanova, channelType: 'web', at: NOW });
  const result = await remindAnnouncement(db.prisma, f.admin, created.id, NOW);
  // Ivanova has read it, Petrov is on paper: only Smirnova.
  expect(result).toEqual({ reminded: 1, reminder: 1 });
  const reminders = (await rowsOf(created.id)).filter((r) => (r.payload as { reminder?: number }).reminder === 1);
  expect(reminders.map((r) => r.guardianId)).toEqual([f.guardians.smirnova]);
  await expect(remindAnnouncement(db.prisma, f.admin, created.id, new Date(NOW.getTime() + 30 * 60_000))).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  const later = await remindAnnouncement(db.prisma, f.admin, created.id, new Date(NOW.getTime() + 61 * 60_000));
  expect(later.reminder).toBe(2);
});

test("a class teacher sees the whole school's announcement for their own class: its families, counts and reminder", async () => {
  const f = await fixture();
  await db.prisma.channel.create({ data: { guardianId: f.guardians.smirnova, type: 'telegram', address: '3004', verified: true } });
  const created = await createAnnouncement(db.prisma, f.admin, { ...input(f), audience: { kind: 'school' }, ackRequired: true }, NOW);
  const { listAnnouncements, remindAnnouncement } = await import('../../../src/modules/announcements/index.js');
  // 5Б's teacher: Ivanova (whose second child is in 5Б) and Smirnova, not 5А's Petrov.
  const tracking = await loadAnnouncementTracking(db.prisma, f.teacherB, created.id, NOW);
  expect(tracking.families.map((x) => x.guardianId).sort()).toEqual([f.guardians.ivanova, f.guardians.smirnova].sort());
  expect(tracking.families.flatMap((x) => x.classNames)).toEqual(['5Б', '5Б']);
  const listed = await listAnnouncements(db.prisma, f.teacherB);
  expect(listed.rows.find((r) => r.id === created.id)?.counts.recipients).toBe(2);
  expect((await listAnnouncements(db.prisma, f.admin)).rows.find((r) => r.id === created.id)?.counts.recipients).toBe(3);
  // Its reminder reaches 5Б's families only.
  const reminded = await remindAnnouncement(db.prisma, f.teacherB, created.id, NOW);
  const reminders = (await rowsOf(created.id)).filter((r) => (r.payload as { reminder?: number }).reminder === 1);
  expect(new Set(reminders.map((r) => r.guardianId))).toEqual(new Set([f.guardians.ivanova, f.guardians.smirnova]));
  expect(reminded.reminded).toBe(2);
  // A scheduled one to the whole school is not a class teacher's to cancel.
  const later = await createAnnouncement(db.prisma, f.admin, { ...input(f), audience: { kind: 'school' }, sendAt: new Date(NOW.getTime() + 24 * HOUR) }, NOW);
  await expect(cancelAnnouncement(db.prisma, f.teacherA, later.id, NOW)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  // Another school's teacher still finds nothing.
  const other = await fixture();
  await expect(loadAnnouncementTracking(db.prisma, other.teacherA, created.id, NOW)).rejects.toMatchObject({ code: 'NOT_FOUND' });
});

test('refusals read in Russian and English, the next reminder time on the school clock', async () => {
  const { describeAnnouncementError } = await import('../../../src/modules/announcements/index.js');
  const { translator } = await import('../../../src/i18n/index.js');
  const { AppError } = await import('../../../src/lib/app-error.js');
  const tooSoon = new AppError('RATE_LIMITED', 'a reminder was sent less than an hour ago', { field: 'remind', reason: 'too_soon', nextAt: '2026-10-15T13:00:00.000Z' });
  expect(describeAnnouncementError(translator('ru'), tooSoon, { timeZone: 'Europe/Moscow', lang: 'ru' })).toBe(
    'Напоминание уже отправлялось меньше часа назад; следующее можно отправить после 15.10.2026, 16:00.',
  );
  const big = new AppError('PAYLOAD_TOO_LARGE', 'x', { field: 'attachment', reason: 'too_large', fileName: 'scan.jpg', limitBytes: 10 * 1024 * 1024 });
  expect(describeAnnouncementError(translator('en'), big)).toBe('The file “scan.jpg” is larger than 10 MB.');
  expect(describeAnnouncementError(translator('ru'), new Error('other'))).toBeUndefined();
});
