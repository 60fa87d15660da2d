// Absences in /marks, and the settings a parent reaches for: same-day absence alerts (on by
// default), a daily digest, and quiet hours typed the way people write them in a chat.
import { inlineButtons } from '../support/fake-telegram.js';
import { addDays, localToday } from '../../src/modules/parent-views/index.js';
import { startBotHarness, type BotHarness } from './support/bot-harness.js';
import { CHAT, seedSchool, TIMEZONE, type Seeded } from './support/seed.js';

let h: BotHarness;
let seed: Seeded;

beforeAll(async () => {
  h = await startBotHarness();
  seed = await seedSchool(h.db.prisma);
  const today = localToday(new Date(), TIMEZONE);
  await h.db.prisma.mark.createMany({
    data: [-2, -4].map((days, i) => ({
      schoolId: seed.schoolId, externalId: `abs${i}`, studentId: seed.students.ilya, subjectId: seed.subjects.algebra, periodId: seed.periodId,
      value: 'н', date: addDays(today, days), weight: 1, kind: 'answer',
    })),
  });
});
afterAll(() => h.close());

/** /settings and its main screen, whatever else the chat receives meanwhile. */
async function settingsScreen() {
  const before = h.mark(CHAT.ru);
  h.telegram.sendCommand(CHAT.ru, '/settings');
  return h.next(CHAT.ru, before, (m) => inlineButtons(m as never).some((b) => b.callback_data === 'st:qh'));
}

const buttonData = (message: { reply_markup?: unknown }, text: string) => inlineButtons(message as never).find((b) => b.text.includes(text))?.callback_data;

test('/marks counts absences per subject beside the average and lists only the marks', async () => {
  const reply = await h.ask(CHAT.ru, '/marks');
  expect(reply.text).toContain('<b>Алгебра</b> — средний балл 4,28, пропуски: 2');
  expect(reply.text.split('\n')).toContain('3×2 5×3 4 5');
  const detail = await h.press(CHAT.ru, buttonData(reply, 'Алгебра')!);
  expect(detail.text).toContain('<b>пропуски: 2</b>');
  const en = await h.ask(CHAT.en, '/marks', 'en');
  expect(en.text).not.toContain('absences:');
});

test('settings: absence alerts are on by default and can be turned off; a daily digest has no weekday', async () => {
  const settings = await settingsScreen();
  expect(settings.text).toContain('пропуски уроков — в тот же день: вкл.');
  const instant = await h.press(CHAT.ru, buttonData(settings, 'Уведомления')!);
  const off = await h.press(CHAT.ru, buttonData(instant, 'пропуски уроков')!);
  expect(inlineButtons(off as never).find((b) => b.text.includes('пропуски уроков'))?.text).toBe('▫️ пропуски уроков — в тот же день');
  const pref = await h.db.prisma.notificationPreference.findFirstOrThrow({ where: { guardianId: seed.guardians.ru } });
  expect(pref.instantAbsences).toBe(false);

  // The pressed screens redrew that message: a fresh /settings opens the digest screen.
  const again = await settingsScreen();
  const digest = await h.press(CHAT.ru, buttonData(again, 'Сводка')!);
  const daily = await h.press(CHAT.ru, buttonData(digest, 'каждый день')!);
  expect(daily.text).toContain('каждый день, 18:00');
  expect(inlineButtons(daily as never).some((b) => b.text.includes('Пт'))).toBe(false);
  expect((await h.db.prisma.notificationPreference.findFirstOrThrow({ where: { guardianId: seed.guardians.ru } })).digestFrequency).toBe('daily');
});

test('quiet hours: typed as "22:30-07:00" or picked from finer presets', async () => {
  const before = h.mark(CHAT.ru);
  h.telegram.sendText(CHAT.ru, '22:30-07:00');
  const saved = await h.next(CHAT.ru, before);
  expect(saved.text).toBe('Тихие часы: 22:30–07:00. Сохранено.');
  const screen = await h.next(CHAT.ru, before + 1);
  expect(screen.text).toContain('22:30–07:00 (своё время)');
  expect(await h.db.prisma.notificationPreference.findFirstOrThrow({ where: { guardianId: seed.guardians.ru } })).toMatchObject({ quietFrom: '22:30', quietTo: '07:00' });

  const other = h.mark(CHAT.ru);
  h.telegram.sendText(CHAT.ru, 'с 23 до 7');
  expect((await h.next(CHAT.ru, other)).text).toBe('Тихие часы: 23:00–07:00. Сохранено.');
  // Other text is not taken for quiet hours.
  const chat = h.mark(CHAT.ru);
  h.telegram.sendText(CHAT.ru, 'когда собрание в 19:00?');
  expect((await h.next(CHAT.ru, chat)).text).not.toContain('Тихие часы');

  const settings = await settingsScreen();
  const quiet = await h.press(CHAT.ru, buttonData(settings, 'Тихие часы')!);
  expect(inlineButtons(quiet as never).map((b) => b.text)).toEqual(expect.arrayContaining(['• 23:00–07:00', '21:00–07:00', '22:00–08:00', '20:00–09:00']));
});
