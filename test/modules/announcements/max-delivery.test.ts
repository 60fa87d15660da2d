// An announcement that asks for acknowledgment, to a family whose chat is MAX: through the real
// dispatch path to the fake MAX Bot API it arrives with the Acknowledge button, the parent
// presses it in MAX, and tracking shows it delivered and acknowledged on MAX.
import { createMaxSender } from '../../../src/channels/max/max-sender.js';
import { createAnnouncement, loadAnnouncementTracking } from '../../../src/modules/announcements/index.js';
import { createDispatcher } from '../../../src/modules/delivery/dispatch-loop.js';
import type { StaffPrincipal } from '../../../src/modules/staff/staff-principal.js';
import { startBothMessengers, MAX_USER, type BothMessengers } from '../../channels/support/both-messengers.js';
import { maxScreens } from '../../channels/support/shown.js';
import { CHAT } from '../../bot/support/seed.js';

let both: BothMessengers;
let teacher: StaffPrincipal;

beforeAll(async () => {
  // The dispatcher claims on the database's clock, so the announcement is made on it too.
  both = await startBothMessengers(new Date());
  const { seed, db } = both;
  await db.prisma.consentRecord.createMany({
    data: [seed.students.ilya, seed.students.masha].map((studentId) => ({ schoolId: seed.schoolId, guardianId: seed.guardians.ru, studentId, decision: 'signed' as const })),
  });
  // The parent has started the MAX bot and chose MAX for messages; Telegram stays the fallback.
  both.max.startBot(MAX_USER);
  await db.prisma.guardian.update({ where: { id: seed.guardians.ru }, data: { preferredChat: 'max' } });
  teacher = { id: '5b1f0c2e-8d7a-4c3b-9e21-6a0d4f3c2b10', schoolId: seed.schoolId, email: 'smirnova@school7.example', role: 'teacher', classId: seed.classId, fullName: 'Смирнова Анна Петровна', locale: 'ru' };
});
afterAll(() => both.close());

test('the parent acknowledges in MAX, and tracking shows it on MAX', async () => {
  const { db, max, seed } = both;
  const created = await createAnnouncement(
    db.prisma,
    teacher,
    { audience: { kind: 'classes', classIds: [seed.classId] }, text: 'Завтра экскурсия в музей, сбор в 9:00 у школы.', ackRequired: true, urgent: false, sendAt: null },
    new Date(),
  );
  const from = max.calls.length;
  await createDispatcher({ pool: db.pool, sender: createMaxSender({ token: 'max-test-token-both-0123', apiRoot: max.apiRoot, perSecond: 100 }), workerId: 'max' }).runOnce();
  const sent = maxScreens(max.calls.slice(from)).find((s) => s.kind === 'send' && s.html.includes('экскурсия'));
  expect(sent && 'html' in sent ? sent.html : '').toContain('<b>Объявление</b>');
  const button = sent && 'buttons' in sent ? sent.buttons.flat().find((b) => 'payload' in b && b.payload.startsWith('ackmsg:')) : undefined;
  expect(button).toBeDefined();
  // Nothing went to the Telegram chat: one message per family, on the chat they chose.
  expect(both.telegram.sentMessages(CHAT.ru).length).toBe(0);

  const answered = await both.run('max', { press: (button as { payload: string }).payload });
  expect(answered.some((s) => s.kind === 'answer' && /^Спасибо! Отметили/.test(s.notice))).toBe(true);

  const tracking = await loadAnnouncementTracking(db.prisma, teacher, created.id, new Date());
  expect(tracking.families.find((f) => f.guardianId === seed.guardians.ru)).toMatchObject({ channel: 'max', status: 'sent', acknowledgedOn: 'max' });
  const row = await db.prisma.outboxMessage.findFirstOrThrow({ where: { guardianId: seed.guardians.ru, kind: 'announcement' } });
  expect(row.channelType).toBe('max');
});
