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

it('deleting a teacher, a period, a guardian, a class or a consent code keeps the rows that named them, with their school', async () => {
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
  await p.consentCode.create({ data: { ...s, studentId: student.id, codeHash: 'h2', expiresAt: new Date('2027-01-01T00:00:00Z'), guardianId: guardian.id, redeemedByGuardianId: guardian.id } });
  await p.outboxMessage.create({ data: { ...s, idempotencyKey: 'k1', guardianId: guardian.id, channelType: 'email', kind: 'digest', payload: {} } });
  const emptyClass = await p.schoolClass.create({ data: { ...s, externalId: 'c2', name: '5Б', grade: 5 } });
  await p.staffUser.create({ data: { ...s, email: 'teacher@school.test', role: 'teacher', classId: emptyClass.id } });

  await p.teacher.delete({ where: { schoolId_id: { ...s, id: teacher.id } } });
  await p.academicPeriod.delete({ where: { schoolId_id: { ...s, id: period.id } } });
  await p.guardian.delete({ where: { id: guardian.id } });
  await p.consentCode.delete({ where: { id: code.id } });
  await p.schoolClass.delete({ where: { schoolId_id: { ...s, id: emptyClass.id } } });

  expect(await p.schoolClass.findMany({ select: { schoolId: true, classTeacherId: true } })).toEqual([{ schoolId: school.id, classTeacherId: null }]);
  expect(await p.lesson.findMany({ select: { schoolId: true, teacherId: true } })).toEqual([{ schoolId: school.id, teacherId: null }]);
  expect(await p.mark.findMany({ select: { schoolId: true, periodId: true } })).toEqual([{ schoolId: school.id, periodId: null }]);
  expect(await p.lessonChange.findMany({ select: { schoolId: true, teacherId: true } })).toEqual([{ schoolId: school.id, teacherId: null }]);
  expect(await p.recommendation.findMany({ select: { schoolId: true, teacherId: true } })).toEqual([{ schoolId: school.id, teacherId: null }]);
  expect(await p.consentRecord.findMany({ select: { schoolId: true, guardianId: true, codeId: true } })).toEqual([
    { schoolId: school.id, guardianId: null, codeId: null },
  ]);
  expect(await p.consentCode.findMany({ select: { schoolId: true, guardianId: true, redeemedByGuardianId: true } })).toEqual([
    { schoolId: school.id, guardianId: null, redeemedByGuardianId: null },
  ]);
  expect(await p.outboxMessage.findMany({ select: { schoolId: true, guardianId: true } })).toEqual([{ schoolId: school.id, guardianId: null }]);
  expect(await p.staffUser.findMany({ select: { schoolId: true, classId: true } })).toEqual([{ schoolId: school.id, classId: null }]);
});

it("a student, a code, a staff user or a message naming another school's class, student or guardian is refused", async () => {
  const p = db.prisma;
  const [a, b] = await Promise.all(['Школа № 2', 'Школа № 3'].map((name) => p.school.create({ data: { name, timezone: 'Europe/Moscow' } })));
  const classA = await p.schoolClass.create({ data: { schoolId: a!.id, externalId: 'c1', name: '6А', grade: 6 } });
  const studentA = await p.student.create({ data: { schoolId: a!.id, externalId: 'p1', fullName: 'Сидоров Олег', classId: classA.id } });
  const guardianA = await p.guardian.create({ data: { schoolId: a!.id, fullName: 'Сидорова Мария' } });
  const inB = { schoolId: b!.id };
  const foreignKey = /foreign key/i;
  await expect(p.student.create({ data: { ...inB, externalId: 'p1', fullName: 'Чужой', classId: classA.id } })).rejects.toThrow(foreignKey);
  await expect(p.consentCode.create({ data: { ...inB, studentId: studentA.id, codeHash: 'x1', expiresAt: new Date('2027-01-01T00:00:00Z') } })).rejects.toThrow(foreignKey);
  await expect(p.staffUser.create({ data: { ...inB, email: 'other@school.test', role: 'teacher', classId: classA.id } })).rejects.toThrow(foreignKey);
  await expect(p.outboxMessage.create({ data: { ...inB, idempotencyKey: 'x1', guardianId: guardianA.id, channelType: 'email', kind: 'digest', payload: {} } })).rejects.toThrow(foreignKey);
  // Nothing half-written: school B has none of them.
  expect(await Promise.all([p.student.count({ where: inB }), p.consentCode.count({ where: inB }), p.staffUser.count({ where: inB }), p.outboxMessage.count({ where: inB })])).toEqual([0, 0, 0, 0]);
});
