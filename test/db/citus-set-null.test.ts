// A composite (schoolId, …Id) foreign key with SET NULL must clear only the parent's id: a
// plain SET NULL would clear schoolId as well, which is NOT NULL and the distribution column.
import { createTestDatabase, type TestDatabase } from '../support/db.js';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 1 });
});

afterAll(async () => {
  await db?.drop();
});

it('deleting a teacher, a period, a guardian or a consent code keeps the rows that named them, with their school', async () => {
  const p = db.prisma;
  const school = await p.school.create({ data: { name: 'Школа № 1', timezone: 'Europe/Moscow' } });
  const s = { schoolId: school.id };
  const teacher = await p.teacher.create({ data: { ...s, externalId: 't1', fullName: 'Иванова А. П.' } });
  const klass = await p.schoolClass.create({ data: { ...s, externalId: 'c1', name: '5А', grade: 5, classTeacherId: teacher.id } });
  const subject = await p.subject.create({ data: { ...s, externalId: 's1', name: 'Математика' } });
  const student = await p.student.create({ data: { ...s, externalId: 'p1', fullName: 'Петров Илья', classId: klass.id } });
  const guardian = await p.guardian.create({ data: { ...s, fullName: 'Петрова Анна' } });
  const lesson = await p.lesson.create({ data: { ...s, externalId: 'l1', classId: klass.id, subjectId: subject.id, date: new Date('2026-11-02'), number: 1, teacherId: teacher.id } });
  await p.lessonChange.create({ data: { ...s, lessonId: lesson.id, kind: 'substitution', teacherId: teacher.id } });
  await p.recommendation.create({ data: { ...s, externalId: 'r1', studentId: student.id, teacherId: teacher.id, date: new Date('2026-11-02'), text: 'Больше читать' } });
  const period = await p.academicPeriod.create({ data: { ...s, externalId: 'q2', name: '2 четверть', kind: 'quarter', startsOn: new Date('2026-11-01'), endsOn: new Date('2026-12-28') } });
  await p.mark.create({ data: { ...s, externalId: 'm1', studentId: student.id, subjectId: subject.id, periodId: period.id, date: new Date('2026-11-02'), value: '5' } });
  const code = await p.consentCode.create({ data: { ...s, studentId: student.id, codeHash: 'h1', expiresAt: new Date('2027-01-01T00:00:00Z') } });
  await p.consentRecord.create({ data: { ...s, studentId: student.id, guardianId: guardian.id, codeId: code.id, decision: 'signed' } });

  await p.teacher.delete({ where: { schoolId_id: { ...s, id: teacher.id } } });
  await p.academicPeriod.delete({ where: { schoolId_id: { ...s, id: period.id } } });
  await p.guardian.delete({ where: { id: guardian.id } });
  await p.consentCode.delete({ where: { id: code.id } });

  expect(await p.schoolClass.findMany({ select: { schoolId: true, classTeacherId: true } })).toEqual([{ schoolId: school.id, classTeacherId: null }]);
  expect(await p.lesson.findMany({ select: { schoolId: true, teacherId: true } })).toEqual([{ schoolId: school.id, teacherId: null }]);
  expect(await p.mark.findMany({ select: { schoolId: true, periodId: true } })).toEqual([{ schoolId: school.id, periodId: null }]);
  expect(await p.lessonChange.findMany({ select: { schoolId: true, teacherId: true } })).toEqual([{ schoolId: school.id, teacherId: null }]);
  expect(await p.recommendation.findMany({ select: { schoolId: true, teacherId: true } })).toEqual([{ schoolId: school.id, teacherId: null }]);
  expect(await p.consentRecord.findMany({ select: { schoolId: true, guardianId: true, codeId: true } })).toEqual([
    { schoolId: school.id, guardianId: null, codeId: null },
  ]);
});
