// The demo school's journal as API batch bodies: two classes, 50 students, a quarter of
// marks of every kind, a timetable with substitutions, homework, tests, holidays,
// recommendations, last quarter's final marks and an exam. Dates are around `today`.
import { addDays } from '../../lib/zoned-time.js';
import { BOYS, GIRLS, HOMEWORK, RECOMMENDATIONS, SUBJECTS, SURNAMES, TEACHERS, TOPICS, createRandom } from './demo-names.js';

/** Monday = 0 … Sunday = 6. */
function weekday(date: string): number {
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
}

function schoolDays(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (weekday(d) < 5) days.push(d);
  return days;
}

const KINDS: Array<[string, number]> = [['answer', 0.4], ['homework', 0.25], ['independent', 0.15], ['test', 0.1], ['practical', 0.1]];
const CLASSES = [{ id: '5a', name: '5А', teacher: 0 }, { id: '5b', name: '5Б', teacher: 1 }];

export function buildDemoData(today: string, seed = 20250901) {
  const random = createRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const quarterStart = addDays(today, -56);
  const periods = [
    { externalId: 'q-prev', name: 'Предыдущая четверть', kind: 'quarter', startsOn: addDays(quarterStart, -63), endsOn: addDays(quarterStart, -1) },
    { externalId: 'q-now', name: 'Текущая четверть', kind: 'quarter', startsOn: quarterStart, endsOn: addDays(today, 14) },
    { externalId: 'year', name: 'Учебный год', kind: 'year', startsOn: addDays(quarterStart, -63), endsOn: addDays(quarterStart, 300) },
  ];
  const teachers = TEACHERS.map((fullName, i) => ({ externalId: `t${i + 1}`, fullName }));
  const subjects = SUBJECTS.map((s) => ({ externalId: s.id, name: s.name }));
  const classes = CLASSES.map((c) => ({ externalId: c.id, name: c.name, grade: 5, classTeacherExternalId: `t${c.teacher + 1}` }));
  const students = Array.from({ length: 50 }, (_v, i) => {
    const girl = i % 2 === 1;
    const surname = SURNAMES[i % SURNAMES.length] as string;
    return { externalId: `s${i + 1}`, fullName: `${girl ? `${surname}а` : surname} ${pick(girl ? GIRLS : BOYS)}`, classExternalId: (CLASSES[i < 25 ? 0 : 1] as { id: string }).id };
  });

  const marks: Array<Record<string, unknown>> = [];
  for (const student of students) {
    const ability = 2.8 + random() * 2.1;
    SUBJECTS.forEach((subject, s) => {
      for (const date of schoolDays(quarterStart, today)) {
        const day = weekday(date);
        if ((day !== s % 5 && day !== (s + 2) % 5) || random() > 0.4) continue;
        const kind = weightedKind(random());
        const absent = random() < 0.03;
        const numeric = String(Math.max(2, Math.min(5, Math.round(ability + (random() - 0.5) * 1.6))));
        const value = absent ? 'н' : subject.passFail ? (random() < 0.92 ? 'зач' : 'незач') : numeric;
        marks.push({ externalId: `m${marks.length + 1}`, studentExternalId: student.externalId, subjectExternalId: subject.id, date, value, kind });
      }
    });
  }

  const lessons: Array<Record<string, unknown>> = [];
  for (const cls of CLASSES) {
    for (const date of schoolDays(addDays(today, -7), addDays(today, 7))) {
      for (let number = 1; number <= 4; number += 1) {
        const subject = SUBJECTS[(weekday(date) + number + (cls.id === '5b' ? 3 : 0)) % SUBJECTS.length] as (typeof SUBJECTS)[number];
        lessons.push({
          externalId: `l-${cls.id}-${date}-${number}`, classExternalId: cls.id, subjectExternalId: subject.id,
          teacherExternalId: `t${subject.teacher + 1}`, date, number, startsAt: ['08:30', '09:25', '10:30', '11:35'][number - 1], room: String(10 + number),
        });
      }
    }
  }
  const future = lessons.filter((l) => (l.date as string) > today);
  const at = (i: number) => (future[i % Math.max(future.length, 1)]?.externalId ?? '') as string;
  const changes = [
    { lessonExternalId: at(1), kind: 'substitution', teacherExternalId: 't6', note: 'Учитель на курсах' },
    { lessonExternalId: at(6), kind: 'moved', newDate: addDays(today, 3), newNumber: 5 },
    { lessonExternalId: at(11), kind: 'cancelled', note: 'Классный час вместо урока' },
  ];

  const nextDays = schoolDays(addDays(today, 1), addDays(today, 10));
  const homework = CLASSES.flatMap((cls) =>
    nextDays.slice(0, 5).flatMap((dueOn, d) =>
      [0, 1].map((k) => {
        const subjectId = (SUBJECTS[(d + k * 3) % 5] as { id: string }).id;
        return { externalId: `h-${cls.id}-${d}-${k}`, classExternalId: cls.id, subjectExternalId: subjectId, dueOn, text: pick(HOMEWORK[subjectId] ?? []) };
      }),
    ),
  );
  const tests = CLASSES.flatMap((cls, c) =>
    [0, 1, 2].map((k) => {
      const subjectId = (SUBJECTS[(k + c) % 5] as { id: string }).id;
      return { externalId: `k-${cls.id}-${k}`, classExternalId: cls.id, subjectExternalId: subjectId, date: nextDays[(k * 3 + c) % nextDays.length] as string, topic: pick(TOPICS[subjectId] ?? []) };
    }),
  );
  const holidays = [
    { externalId: 'break', name: 'Каникулы', startsOn: addDays(today, 15), endsOn: addDays(today, 23) },
    { externalId: 'trip-5b', name: 'Экскурсия 5Б', startsOn: addDays(today, 4), endsOn: addDays(today, 4), classExternalIds: ['5b'] },
  ];
  const recommendations = students.slice(0, 6).map((s, i) => ({
    externalId: `r${i + 1}`, studentExternalId: s.externalId, teacherExternalId: `t${(i % 2) + 1}`, date: addDays(today, -i), text: RECOMMENDATIONS[i % RECOMMENDATIONS.length] as string,
  }));
  const finalMarks = students.flatMap((s, i) =>
    SUBJECTS.map((subject, k) =>
      i === 7 && k === 0
        ? { studentExternalId: s.externalId, subjectExternalId: subject.id, periodExternalId: 'q-prev', status: 'deferred', deferredUntil: addDays(today, 10), reason: 'болезнь' }
        : { studentExternalId: s.externalId, subjectExternalId: subject.id, periodExternalId: 'q-prev', status: 'final', value: subject.passFail ? 'зач' : String(3 + ((i + k) % 3)) },
    ),
  );
  const results = students.slice(0, 25).map((s, i) => ({
    externalId: `vpr-${s.externalId}`, studentExternalId: s.externalId, name: 'ВПР, математика', date: addDays(today, -10), score: 8 + (i % 12), maxScore: 20, mark: String(2 + Math.min(3, Math.floor((8 + (i % 12)) / 5))),
  }));

  return {
    roster: { periods, teachers, subjects, classes, students },
    marks: { marks },
    timetable: { lessons },
    substitutions: { changes },
    homework: { homework },
    tests: { tests },
    holidays: { holidays },
    recommendations: { recommendations },
    'final-marks': { finalMarks },
    'exam-results': { results },
  };
}

function weightedKind(r: number): string {
  let sum = 0;
  for (const [kind, share] of KINDS) {
    sum += share;
    if (r < sum) return kind;
  }
  return 'answer';
}
