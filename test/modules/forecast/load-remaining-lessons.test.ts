// The lessons-left estimate read from the database: the class's loaded lessons with their
// cancellations, and the holidays of the class or the whole school (not another class's).
import { loadRemainingLessons } from '../../../src/modules/forecast/load-remaining-lessons.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

test('carries a one-week timetable on to the end of the quarter, minus its holidays', async () => {
  const prisma = db.prisma;
  const school = await prisma.school.create({ data: { name: 'Школа № 3', timezone: 'Europe/Moscow' } });
  const s = { schoolId: school.id };
  const klass = await prisma.schoolClass.create({ data: { ...s, externalId: '7a', name: '7А', grade: 7 } });
  const other = await prisma.schoolClass.create({ data: { ...s, externalId: '7b', name: '7Б', grade: 7 } });
  const math = await prisma.subject.create({ data: { ...s, externalId: 'math', name: 'Математика' } });
  // Monday 6 to Friday 10 October 2025, maths every day; Wednesday's lesson is cancelled.
  const lessons = await Promise.all(
    ['06', '07', '08', '09', '10'].map((d, i) =>
      prisma.lesson.create({ data: { ...s, externalId: `l${i}`, classId: klass.id, subjectId: math.id, date: day(`2025-10-${d}`), number: 1 } }),
    ),
  );
  await prisma.lessonChange.create({ data: { ...s, lessonId: lessons[2]!.id, kind: 'cancelled' } });
  await prisma.holiday.createMany({
    data: [
      { ...s, externalId: 'h1', name: 'Осенние каникулы', startsOn: day('2025-10-27'), endsOn: day('2025-11-04') },
      { ...s, externalId: 'h2', name: 'День здоровья', startsOn: day('2025-10-17'), endsOn: day('2025-10-17'), classIds: [klass.id] },
      { ...s, externalId: 'h3', name: 'Экскурсия 7Б', startsOn: day('2025-10-20'), endsOn: day('2025-10-20'), classIds: [other.id] },
    ],
  });
  const result = await loadRemainingLessons(prisma, {
    schoolId: school.id,
    classId: klass.id,
    today: '2025-10-07',
    period: { startsOn: '2025-09-01', endsOn: '2025-10-31' },
  });
  // Loaded after today: 9 and 10 October (the 8th is cancelled). Then 13–31 October has 15
  // weekdays, less 17 October (the class's day out) and 27–31 October (the holidays): 9, of
  // which the two Wednesdays bring none, as on the one Wednesday loaded. 20 October, the
  // other class's outing, is a school day here.
  expect(result).toEqual({ bySubject: new Map([[math.id, 2 + 7]]), estimated: true });
});
