// Every parent view driven through the real bot over HTTP, in Russian and English.
import { shortId } from '../../src/conversation/format/callback-data.js';
import { inlineButtons } from '../support/fake-telegram.js';
import { startBotHarness, type BotHarness } from './support/bot-harness.js';
import { addDays, localToday } from '../../src/modules/parent-views/index.js';
import { CHAT, seedSchool, TIMEZONE, type Seeded } from './support/seed.js';

let h: BotHarness;
let seed: Seeded;

beforeAll(async () => {
  h = await startBotHarness();
  seed = await seedSchool(h.db.prisma);
});
afterAll(() => h.close());

const buttonData = (message: { reply_markup?: unknown }, text: string) =>
  inlineButtons(message as never).find((b) => b.text.includes(text))?.callback_data;

describe('views in Russian', () => {
  test('/marks: by subject, newest first with weights, weighted average; deleted marks hidden', async () => {
    const reply = await h.ask(CHAT.ru, '/marks');
    expect(reply.parse_mode).toBe('HTML');
    expect(reply.text).toContain('Петров Илья, 5А');
    expect(reply.text).toContain('2 четверть');
    expect(reply.text).toContain('<b>Алгебра</b> — средний балл 4,28');
    // Newest first; the deleted 2 is not among them.
    expect(reply.text.split('\n')).toContain('3×2 5×3 4 5');
    const detail = buttonData(reply, 'Алгебра')!;
    expect(detail).toBe(`v:marks:${shortId(seed.students.ilya)}:${shortId(seed.subjects.algebra)}`);
    const page = await h.press(CHAT.ru, detail);
    expect(page.text).toContain('контрольная · вес 3');
    expect(page.text).toContain('<i>Отлично &lt;решено&gt;</i>');
    expect(page.text.indexOf('самостоятельная')).toBeLessThan(page.text.indexOf('контрольная'));
  });

  test('/forecast: forecast, the average behind it, what changes it, and the teacher note', async () => {
    const reply = await h.ask(CHAT.ru, '/forecast');
    expect(reply.text).toContain('Алгебра: прогноз 4 (средний балл 4,28)');
    expect(reply.text).toContain('Русский язык: пока мало отметок');
    expect(reply.text).toContain('Итоговую отметку выставляет учитель');
  });

  test('/final: final and deferred marks, exams, and the Acknowledge button records R10', async () => {
    const reply = await h.ask(CHAT.ru, '/final');
    expect(reply.text).toContain('1 четверть');
    expect(reply.text).toContain('Алгебра: <b>5</b>');
    expect(reply.text).toMatch(/Русский язык: отсрочка до \d+ \S+/);
    expect(reply.text).toContain('ВПР по математике: 14/20, отметка 4');
    const ack = buttonData(reply, 'Ознакомлен')!;
    const thanks = await h.press(CHAT.ru, ack);
    expect(thanks.text).toContain('подтверждено');
    const rows = await h.db.prisma.acknowledgment.findMany({ where: { guardianId: seed.guardians.ru } });
    expect(rows).toEqual([expect.objectContaining({ subject: 'final_marks', reference: `${seed.students.ilya}:${seed.previousPeriodId}`, channelType: 'telegram' })]);
    const again = await h.ask(CHAT.ru, '/final');
    expect(again.text).toContain('Вы подтвердили ознакомление');
    expect(buttonData(again, 'Ознакомлен')).toBeUndefined();
  });

  test('/homework: tomorrow by default, today and week from the tabs; other classes excluded; escaped', async () => {
    const reply = await h.ask(CHAT.ru, '/homework');
    expect(reply.text).toContain('Домашнее задание: Завтра');
    expect(reply.text).toContain('<b>Алгебра</b>: № 123, 124 &lt;стр. 45&gt;');
    expect(reply.text).not.toContain('Чужое');
    const week = await h.press(CHAT.ru, buttonData(reply, 'Неделя')!);
    expect(week.text).toContain('Упражнение 58');
    const today = await h.press(CHAT.ru, buttonData(week, 'Сегодня')!);
    expect(today.text).toContain('Домашнего задания на эти дни нет');
  });

  test('/schedule: substitution, cancelled and moved lessons are marked', async () => {
    const reply = await h.ask(CHAT.ru, '/schedule');
    expect(reply.text).toContain('1. 08:30 Алгебра, каб. 21 — <b>замена: Смирнова Анна Петровна</b>');
    expect(reply.text).toContain('<s>3. 10:20 Физкультура</s> — <b>отменён</b> <i>Спортзал закрыт</i>');
    expect(reply.text).toMatch(/5\. Русский язык \(Смирнова Анна Петровна\), каб\. 21 — <b>перенесён с .+ \(4-й урок\)<\/b>/);
    const week = await h.press(CHAT.ru, buttonData(reply, 'Неделя')!);
    expect(week.text).toMatch(/<s>4\. 11:15 Русский язык<\/s> — <b>перенесён на .+, 5-й урок<\/b>/);
  });

  test('/tests, /teachers, /holidays, /notes', async () => {
    const tests = await h.ask(CHAT.ru, '/tests');
    expect(tests.text).toContain('Алгебра — Дроби');
    expect(tests.text).not.toContain('Прошедшая');
    const teachers = await h.ask(CHAT.ru, '/teachers');
    const lines = teachers.text.split('\n').filter((l) => l.startsWith('<b>') && !l.includes('Учителя класса'));
    expect(lines[0]).toContain('Смирнова Анна Петровна</b> — <i>классный руководитель</i>');
    expect(lines[1]).toContain('Иванов &lt;Пётр&gt; &amp; Co</b>: Алгебра');
    const holidays = await h.ask(CHAT.ru, '/holidays');
    expect(holidays.text).toContain('Осенние каникулы');
    expect(holidays.text).not.toContain('Только для 6Б');
    const notes = await h.ask(CHAT.ru, '/notes');
    expect(notes.text).toContain('Илья &lt;b&gt;молодец&lt;/b&gt; &amp; старается');
    expect(notes.text).toContain('Иванов &lt;Пётр&gt;');
  });

  test('/children remembers the choice; the views then show that child', async () => {
    const list = await h.ask(CHAT.ru, '/children');
    expect(list.text).toContain('Чьи сведения показывать?');
    const pick = buttonData(list, 'Петрова Маша')!;
    const chosen = await h.press(CHAT.ru, pick);
    expect(chosen.text).toContain('Теперь показываю сведения: Петрова Маша');
    const marks = await h.ask(CHAT.ru, '/marks');
    expect(marks.text).toContain('Петрова Маша, 5А');
    expect(marks.text).toContain('В этом периоде отметок пока нет');
    await h.press(CHAT.ru, buttonData(await h.ask(CHAT.ru, '/children'), 'Петров Илья')!);
    const guardian = await h.db.prisma.guardian.findUniqueOrThrow({ where: { id: seed.guardians.ru } });
    expect(guardian.selectedStudentId).toBe(seed.students.ilya);
  });

  test('the menu reaches every view by buttons; unrecognised text points to the menu', async () => {
    const menu = await h.ask(CHAT.ru, '/help');
    expect(menu.text).toContain('/marks');
    const data = inlineButtons(menu as never).map((b) => b.callback_data);
    expect(data).toEqual(expect.arrayContaining(['v:marks:' + shortId(seed.students.ilya), 'v:schedule:' + shortId(seed.students.ilya), 'ch:list', 'st:main']));
    const viaButton = await h.press(CHAT.ru, `v:tests:${shortId(seed.students.ilya)}`);
    expect(viaButton.text).toContain('Контрольные работы');
    const before = h.mark(CHAT.ru);
    h.telegram.sendText(CHAT.ru, 'когда родительское собрание?');
    const fallback = await h.next(CHAT.ru, before);
    expect(fallback.text).toContain('Извините, я не понял сообщение');
    expect(inlineButtons(fallback as never).length).toBeGreaterThan(5);
  });

  test('every view opened is recorded (R10)', async () => {
    const views = await h.db.prisma.viewEvent.groupBy({ by: ['view'], where: { guardianId: seed.guardians.ru }, _count: true });
    const names = views.map((v) => v.view).sort();
    expect(names).toEqual(expect.arrayContaining(['children', 'final', 'forecast', 'holidays', 'homework', 'marks', 'notes', 'schedule', 'teachers', 'tests']));
  });
});

describe('views in English (Telegram language_code)', () => {
  test('marks, forecast, schedule, homework, tests, teachers, holidays, notes, final', async () => {
    const marks = await h.ask(CHAT.en, '/marks', 'en');
    expect(marks.text).toContain('<b>Marks</b>');
    expect(marks.text).toContain('Oleg Sidorov, 5А');
    expect(marks.text).toContain('average 3.33');
    const forecast = await h.ask(CHAT.en, '/forecast', 'en');
    expect(forecast.text).toContain('Алгебра: forecast 3 (average 3.33)');
    expect(forecast.text).toContain('The teacher sets the final mark.');
    expect((await h.ask(CHAT.en, '/schedule', 'en')).text).toContain('substitute: Смирнова Анна Петровна');
    expect((await h.ask(CHAT.en, '/homework', 'en')).text).toContain('Homework: Tomorrow');
    expect((await h.ask(CHAT.en, '/tests', 'en')).text).toContain('<b>Tests</b>');
    expect((await h.ask(CHAT.en, '/teachers', 'en')).text).toContain('class teacher');
    expect((await h.ask(CHAT.en, '/holidays', 'en')).text).toContain('Осенние каникулы');
    expect((await h.ask(CHAT.en, '/notes', 'en')).text).toContain('No recommendations yet.');
    expect((await h.ask(CHAT.en, '/final', 'en')).text).toContain('There are no final marks yet.');
    expect((await h.ask(CHAT.en, '/help', 'en')).text).toContain('/forecast — forecast of final marks');
  });

  test('a chosen language wins over Telegram language_code', async () => {
    const settings = await h.ask(CHAT.en, '/settings', 'en');
    const language = await h.press(CHAT.en, buttonData(settings, 'Language')!, 'en');
    const russian = await h.press(CHAT.en, buttonData(language, 'Русский')!, 'en');
    expect(russian.text).toContain('<b>Настройки</b>');
    expect((await h.ask(CHAT.en, '/tests', 'en')).text).toContain('Контрольные работы');
    await h.db.prisma.guardian.update({ where: { id: seed.guardians.en }, data: { locale: null } });
  });
});

test('setMyCommands registered the commands in Russian (default) and English', () => {
  const calls = h.telegram.callsOf('setMyCommands');
  const ru = calls.find((c) => c.payload.language_code === undefined)!;
  const en = calls.find((c) => c.payload.language_code === 'en')!;
  expect(ru.payload.commands).toEqual(expect.arrayContaining([{ command: 'marks', description: 'Отметки за текущий период' }]));
  expect(en.payload.commands).toEqual(expect.arrayContaining([{ command: 'marks', description: 'Marks for the current period' }]));
});

describe('/forecast past the loaded timetable', () => {
  test('estimates the lessons left from the weekly pattern and says "about"; never counts 2s that cannot fit', async () => {
    const prisma = h.db.prisma;
    const today = localToday(new Date(), TIMEZONE);
    const s = { schoolId: seed.schoolId };
    const physics = await prisma.subject.create({ data: { ...s, externalId: 'phys', name: 'Физика' } });
    // A timetable sent a week ahead: physics daily for seven days, while the period runs 30 more.
    await prisma.lesson.createMany({
      data: [1, 2, 3, 4, 5, 6, 7].map((i) => ({ ...s, externalId: `phys-${i}`, classId: seed.classId, subjectId: physics.id, date: addDays(today, i), number: 6 })),
    });
    // Sixty 2s: twelve 5s would be needed to reach a 3, more than the lessons left.
    await prisma.mark.createMany({
      data: Array.from({ length: 60 }, (_, i) => ({
        ...s, externalId: `phys-m${i}`, studentId: seed.students.ilya, subjectId: physics.id, periodId: seed.periodId, value: '2', date: addDays(today, -1), weight: 1, kind: 'answer',
      })),
    });
    const reply = await h.ask(CHAT.ru, '/forecast');
    expect(reply.text).toContain('Физика: прогноз 2 (средний балл 2)');
    expect(reply.text).toMatch(/До конца периода осталось около \d+ уроков \(оценка по расписанию\)\. Этого не хватит, чтобы выйти на 3\./);
    // Algebra's timetable also stops before the period's end, and its four 2s fit in what is left.
    expect(reply.text).toContain('4 двойки снизят прогноз до 3');
  });
});
