// An announcement that asks for acknowledgment, through the real dispatch path to the fake
// Telegram Bot API: it arrives with the Acknowledge button and the attachment's link, the
// parent presses the button in the chat, tracking shows it acknowledged on Telegram, and a
// reminder goes only to the family that has not.
import { createTelegramSender } from '../../../src/channels/telegram/telegram-sender.js';
import { AppError } from '../../../src/lib/app-error.js';
import { createDispatcher } from '../../../src/modules/delivery/dispatch-loop.js';
import { createAnnouncement, loadAnnouncementTracking, openAnnouncementAttachment, remindAnnouncement } from '../../../src/modules/announcements/index.js';
import type { StaffPrincipal } from '../../../src/modules/staff/staff-principal.js';
import { startBotHarness, TOKEN, type BotHarness } from '../../bot/support/bot-harness.js';
import { CHAT, seedSchool, type Seeded } from '../../bot/support/seed.js';

let h: BotHarness;
let seed: Seeded;
let teacher: StaffPrincipal;
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');

beforeAll(async () => {
  h = await startBotHarness();
  seed = await seedSchool(h.db.prisma);
  const consent = (guardianId: string, studentId: string) => ({ schoolId: seed.schoolId, guardianId, studentId, decision: 'signed' as const });
  await h.db.prisma.consentRecord.createMany({
    data: [consent(seed.guardians.ru, seed.students.ilya), consent(seed.guardians.ru, seed.students.masha), consent(seed.guardians.en, seed.students.oleg), consent(seed.guardians.other, seed.students.foreign)],
  });
  teacher = { id: '7d3c1a52-4b7e-4f7e-9a59-0c1f6a3b2d10', schoolId: seed.schoolId, email: 'smirnova@school7.example', role: 'teacher', classId: seed.classId, fullName: 'Смирнова Анна Петровна', locale: 'ru' };
});
afterAll(() => h.close());

async function dispatch(): Promise<void> {
  const sender = createTelegramSender({ token: TOKEN, apiRoot: h.telegram.apiRoot, perSecond: 100, perChatPerSecond: 100, links: { publicUrl: h.ctx.config.publicUrl, secret: h.ctx.secret } });
  await createDispatcher({ pool: h.db.pool, sender, workerId: 'test' }).runOnce();
}

test('the parent acknowledges in Telegram, tracking shows it, and the reminder goes to the rest', async () => {
  const now = new Date();
  const created = await createAnnouncement(
    h.db.prisma,
    teacher,
    {
      audience: { kind: 'classes', classIds: [seed.classId] },
      text: 'В пятницу классный час переносится на 14:00.\nПриходите в кабинет 21.',
      ackRequired: true,
      urgent: false,
      sendAt: null,
      attachment: { fileName: 'расписание.pdf', mimeType: 'application/pdf', bytes: PDF },
    },
    now,
  );
  // Two families of 5А (one of them with two children there); the family of 6Б hears nothing.
  expect(created.recipients).toBe(2);
  const before = h.mark(CHAT.ru);
  await dispatch();
  const message = await h.next(CHAT.ru, before, (m) => m.text.includes('классный час'));
  expect(message.text).toContain('<b>Объявление</b>');
  expect(message.text).toContain('Смирнова Анна Петровна, Школа № 7 · Для 5А');
  expect(message.text).toContain('Пожалуйста, подтвердите, что прочитали объявление.');
  const href = /<a href="([^"]+\/a\/[^"]+)">Вложение: расписание\.pdf<\/a>/.exec(message.text)?.[1];
  expect(href).toBeDefined();
  const button = message.reply_markup?.inline_keyboard?.[0]?.[0] as { text: string; callback_data: string } | undefined;
  expect(button?.callback_data).toMatch(/^ackmsg:/);
  expect(h.telegram.sentMessages(CHAT.other).some((m) => m.text.includes('классный час'))).toBe(false);

  // The parent presses Acknowledge under the message.
  const calls = h.telegram.callsOf('answerCallbackQuery').length;
  h.telegram.pressButton(CHAT.ru, button!.callback_data, message.message_id);
  const answered = await h.telegram.waitFor(() => h.telegram.callsOf('answerCallbackQuery').slice(calls).find((c) => c.response !== undefined));
  expect(answered.payload.text).toMatch(/^Спасибо! Отметили/);

  // The other family opens the attachment's link: that is reading it, not acknowledging it.
  const en = h.telegram.sentMessages(CHAT.en).find((m) => m.text.includes('классный час'));
  const enToken = decodeURIComponent(/\/a\/([^"]+)"/.exec(en!.text)![1]!.replace(/&amp;/g, '&'));
  const file = await openAnnouncementAttachment(h.db.prisma, h.ctx.secret, enToken, new Date());
  expect(file).toMatchObject({ fileName: 'расписание.pdf', mimeType: 'application/pdf' });
  expect(file.bytes.equals(PDF)).toBe(true);

  const tracking = await loadAnnouncementTracking(h.db.prisma, teacher, created.id, new Date());
  const ru = tracking.families.find((f) => f.guardianId === seed.guardians.ru)!;
  expect(ru).toMatchObject({ channel: 'telegram', status: 'sent', acknowledgedOn: 'telegram', studentNames: ['Петров Илья', 'Петрова Маша'] });
  expect(ru.acknowledgedAt).not.toBeNull();
  expect(ru.readAt).not.toBeNull();
  const enFamily = tracking.families.find((f) => f.guardianId === seed.guardians.en)!;
  expect(enFamily).toMatchObject({ status: 'sent', acknowledgedAt: null });
  expect(enFamily.readAt).not.toBeNull();
  expect(tracking.totals).toMatchObject({ recipients: 2, delivered: 2, read: 2, acknowledged: 1, notAcknowledged: 1 });
  expect(tracking.canRemind).toBe(true);

  // The reminder: only the family that has not acknowledged, headed as a reminder.
  const reminder = await remindAnnouncement(h.db.prisma, teacher, created.id, new Date());
  expect(reminder).toEqual({ reminded: 1, reminder: 1 });
  const ruBefore = h.telegram.sentMessages(CHAT.ru).length;
  const enBefore = h.mark(CHAT.en);
  await dispatch();
  const reminded = await h.next(CHAT.en, enBefore, (m) => m.text.includes('Напоминание'));
  expect(reminded.text).toContain('Вы ещё не подтвердили, что прочитали это объявление.');
  expect(reminded.text).toContain('классный час');
  expect(h.telegram.sentMessages(CHAT.ru).length).toBe(ruBefore);
  // Acknowledging the reminder counts for the announcement, once.
  const pressed = h.telegram.callsOf('answerCallbackQuery').length;
  const reminderButton = reminded.reply_markup?.inline_keyboard?.[0]?.[0] as { callback_data: string };
  h.telegram.pressButton(CHAT.en, reminderButton.callback_data, reminded.message_id);
  await h.telegram.waitFor(() => h.telegram.callsOf('answerCallbackQuery').slice(pressed).find((c) => c.response !== undefined));
  const after = await loadAnnouncementTracking(h.db.prisma, teacher, created.id, new Date());
  expect(after.totals).toMatchObject({ acknowledged: 2, notAcknowledged: 0 });
  expect(after.families.find((f) => f.guardianId === seed.guardians.en)?.remindedAt).not.toBeNull();

  // A second reminder within the hour is refused.
  const again = await remindAnnouncement(h.db.prisma, teacher, created.id, new Date()).catch((e: unknown) => e);
  expect(again).toBeInstanceOf(AppError);
  expect((again as AppError).code).toBe('RATE_LIMITED');
});
