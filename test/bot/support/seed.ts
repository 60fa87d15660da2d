// A small school seeded straight through Prisma: everything the parent views read,
// with dates relative to "today" in the school's zone so the views have something to show.
import type { PrismaClient } from '../../../src/db/prisma.js';
import { addDays, localToday } from '../../../src/modules/parent-views/index.js';

export const TIMEZONE = 'Asia/Yekaterinburg';
export const CHAT = { ru: 1001, en: 1002, other: 1003, unlinked: 1999 } as const;

export interface Seeded {
  schoolId: string;
  classId: string;
  periodId: string;
  previousPeriodId: string;
  students: { ilya: string; masha: string; oleg: string; foreign: string };
  guardians: { ru: string; en: string; other: string };
  subjects: { algebra: string; russian: string; pe: string };
  teachers: { classTeacher: string; math: string };
}

export async function seedSchool(prisma: PrismaClient, now = new Date()): Promise<Seeded> {
  const today = localToday(now, TIMEZONE);
  const day = (n: number) => addDays(today, n);
  const school = await prisma.school.create({ data: { name: 'Школа № 7', timezone: TIMEZONE, chatChannels: ['telegram', 'max'] } });
  const s = { schoolId: school.id };
  const period = await prisma.academicPeriod.create({ data: { ...s, externalId: 'q2', name: '2 четверть', kind: 'quarter', startsOn: day(-30), endsOn: day(30) } });
  await prisma.academicPeriod.create({ data: { ...s, externalId: 'y', name: 'Учебный год', kind: 'year', startsOn: day(-200), endsOn: day(150) } });
  const previous = await prisma.academicPeriod.create({ data: { ...s, externalId: 'q1', name: '1 четверть', kind: 'quarter', startsOn: day(-120), endsOn: day(-31) } });
  const classTeacher = await prisma.teacher.create({ data: { ...s, externalId: 't1', fullName: 'Смирнова Анна Петровна', email: 'smirnova@school7.example' } });
  const math = await prisma.teacher.create({ data: { ...s, externalId: 't2', fullName: 'Иванов <Пётр> & Co' } });
  const klass = await prisma.schoolClass.create({ data: { ...s, externalId: 'c5a', name: '5А', grade: 5, classTeacherId: classTeacher.id } });
  const otherClass = await prisma.schoolClass.create({ data: { ...s, externalId: 'c6b', name: '6Б', grade: 6 } });
  const subject = (externalId: string, name: string) => prisma.subject.create({ data: { ...s, externalId, name } });
  const [algebra, russian, pe] = await Promise.all([subject('alg', 'Алгебра'), subject('rus', 'Русский язык'), subject('pe', 'Физкультура')]);
  const student = (externalId: string, fullName: string, classId: string) => prisma.student.create({ data: { ...s, externalId, fullName, classId } });
  const ilya = await student('s1', 'Петров Илья', klass.id);
  const masha = await student('s2', 'Петрова Маша', klass.id);
  const oleg = await student('s3', 'Oleg Sidorov', klass.id);
  const foreign = await student('s4', 'Кузнецов Дима', otherClass.id);

  const guardian = async (chatId: number, children: string[], locale: 'ru' | 'en' | null = null) => {
    const g = await prisma.guardian.create({ data: { ...s, fullName: 'Родитель', locale } });
    await prisma.guardianStudent.createMany({ data: children.map((studentId) => ({ guardianId: g.id, studentId })) });
    await prisma.channel.create({ data: { guardianId: g.id, type: 'telegram', address: String(chatId), verified: true } });
    return g.id;
  };
  const guardians = { ru: await guardian(CHAT.ru, [ilya.id, masha.id]), en: await guardian(CHAT.en, [oleg.id]), other: await guardian(CHAT.other, [foreign.id]) };
  await prisma.channel.create({ data: { guardianId: guardians.ru, type: 'email', address: 'parent@example.org', verified: true, enabled: false } });

  let n = 0;
  const mark = (studentId: string, subjectId: string, value: string, date: Date, extra: { weight?: number; kind?: string; deleted?: boolean; comment?: string } = {}) => ({
    ...s, externalId: `m${++n}`, studentId, subjectId, periodId: period.id, value, date, weight: extra.weight ?? 1, kind: extra.kind ?? 'answer', deleted: extra.deleted ?? false, comment: extra.comment ?? null,
  });
  await prisma.mark.createMany({
    data: [
      mark(ilya.id, algebra.id, '5', day(-20)),
      mark(ilya.id, algebra.id, '4', day(-15), { kind: 'homework' }),
      mark(ilya.id, algebra.id, '5', day(-3), { weight: 3, kind: 'test', comment: 'Отлично <решено>' }),
      mark(ilya.id, algebra.id, '3', day(-1), { kind: 'independent', weight: 2 }),
      mark(ilya.id, algebra.id, '2', day(-1), { deleted: true }),
      mark(ilya.id, russian.id, '4', day(-10)),
      mark(ilya.id, russian.id, '4', day(-2)),
      mark(oleg.id, algebra.id, '3', day(-12)),
      mark(oleg.id, algebra.id, '3', day(-8)),
      mark(oleg.id, algebra.id, '4', day(-4)),
      mark(foreign.id, algebra.id, '5', day(-4)),
    ],
  });

  let l = 0;
  const lesson = (classId: string, subjectId: string, date: Date, number: number, teacherId: string | null, startsAt: string) =>
    prisma.lesson.create({ data: { ...s, externalId: `l${++l}`, classId, subjectId, date, number, teacherId, startsAt, room: '21' } });
  const first = await lesson(klass.id, algebra.id, day(0), 1, math.id, '08:30');
  await lesson(klass.id, russian.id, day(0), 2, classTeacher.id, '09:25');
  const third = await lesson(klass.id, pe.id, day(0), 3, null, '10:20');
  const later = await lesson(klass.id, russian.id, day(2), 4, classTeacher.id, '11:15');
  await lesson(klass.id, algebra.id, day(1), 1, math.id, '08:30');
  for (let i = 3; i <= 25; i++) await lesson(klass.id, algebra.id, day(i), 1, math.id, '08:30');
  await prisma.lessonChange.createMany({
    data: [
      { ...s, lessonId: first.id, kind: 'substitution', teacherId: classTeacher.id },
      { ...s, lessonId: third.id, kind: 'cancelled', note: 'Спортзал закрыт' },
      { ...s, lessonId: later.id, kind: 'moved', newDate: day(0), newNumber: 5 },
    ],
  });

  await prisma.homework.createMany({
    data: [
      { ...s, externalId: 'h1', classId: klass.id, subjectId: algebra.id, dueOn: day(1), text: '№ 123, 124 <стр. 45>' },
      { ...s, externalId: 'h2', classId: klass.id, subjectId: russian.id, dueOn: day(3), text: 'Упражнение 58' },
      { ...s, externalId: 'h3', classId: otherClass.id, subjectId: russian.id, dueOn: day(1), text: 'Чужое задание' },
    ],
  });
  await prisma.scheduledTest.createMany({
    data: [
      { ...s, externalId: 'k1', classId: klass.id, subjectId: algebra.id, date: day(5), topic: 'Дроби' },
      { ...s, externalId: 'k0', classId: klass.id, subjectId: russian.id, date: day(-5), topic: 'Прошедшая' },
    ],
  });
  await prisma.holiday.createMany({
    data: [
      { ...s, externalId: 'hol1', name: 'Осенние каникулы', startsOn: day(10), endsOn: day(17) },
      { ...s, externalId: 'hol2', name: 'Только для 6Б', startsOn: day(12), endsOn: day(12), classIds: [otherClass.id] },
    ],
  });
  await prisma.recommendation.create({ data: { ...s, externalId: 'r1', studentId: ilya.id, teacherId: math.id, date: day(-2), text: 'Илья <b>молодец</b> & старается' } });
  await prisma.finalMark.createMany({
    data: [
      { ...s, studentId: ilya.id, subjectId: algebra.id, periodId: previous.id, status: 'final', value: '5' },
      { ...s, studentId: ilya.id, subjectId: russian.id, periodId: previous.id, status: 'deferred', deferredUntil: day(7), reason: 'болезнь' },
    ],
  });
  await prisma.examResult.create({ data: { ...s, externalId: 'e1', studentId: ilya.id, name: 'ВПР по математике', date: day(-40), score: 14, maxScore: 20, mark: '4' } });

  return {
    schoolId: school.id,
    classId: klass.id,
    periodId: period.id,
    previousPeriodId: previous.id,
    students: { ilya: ilya.id, masha: masha.id, oleg: oleg.id, foreign: foreign.id },
    guardians,
    subjects: { algebra: algebra.id, russian: russian.id, pe: pe.id },
    teachers: { classTeacher: classTeacher.id, math: math.id },
  };
}
