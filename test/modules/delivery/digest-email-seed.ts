// A week of a pupil's school life, as the e-journal sends it: marks in three subjects,
// absences, a test, homework and a teacher's note; then the week's digest, queued by email.
import type { TestDatabase } from '../../support/db.js';
import { runDigests } from '../../../src/modules/notifications/run-digests.js';
import { createFamily, type Family } from '../notifications/fixtures.js';

export const DIGEST_NOW = new Date('2026-11-20T15:00:30Z');

export async function seedDigestEmail(db: TestDatabase, n: number, email: string): Promise<Family> {
  const f = await createFamily(db.prisma, { telegramChat: null, email, n, preference: { lastDigestAt: new Date('2026-11-13T15:00:00Z'), nextDigestAt: new Date('2026-11-20T15:00:00Z') } });
  await db.prisma.school.update({ where: { id: f.schoolId }, data: { name: 'МБОУ «Средняя школа № 7» г. Твери' } });
  const subject = (externalId: string, name: string) =>
    db.prisma.subject.upsert({ where: { schoolId_externalId: { schoolId: f.schoolId, externalId } }, update: {}, create: { schoolId: f.schoolId, externalId, name } });
  const russian = await subject('rus', 'Русский язык');
  const english = await subject('eng', 'Английский язык');
  let i = 0;
  const mark = (subjectId: string, value: string, date: string, createdAt: string, weight = 1) =>
    db.prisma.mark.create({
      data: { schoolId: f.schoolId, externalId: `de${n}-${(i += 1)}`, studentId: f.studentId, subjectId, periodId: f.periodId, date: new Date(date), value, weight, createdAt: new Date(createdAt), updatedAt: new Date(createdAt) },
    });
  const earlier = '2026-11-09T10:00:00Z';
  for (const v of ['3', '3', '4']) await mark(f.subjectId, v, '2026-11-09', earlier);
  for (const v of ['5', '5', '4']) await mark(russian.id, v, '2026-11-10', earlier);
  for (const v of ['4', '4', '5']) await mark(english.id, v, '2026-11-11', earlier);
  await mark(f.subjectId, '5', '2026-11-16', '2026-11-16T12:00:00Z', 3);
  await mark(f.subjectId, '5', '2026-11-18', '2026-11-18T12:00:00Z');
  await mark(russian.id, '3', '2026-11-17', '2026-11-17T12:00:00Z', 2);
  await mark(russian.id, 'н', '2026-11-19', '2026-11-19T12:00:00Z');
  await mark(english.id, 'н', '2026-11-19', '2026-11-19T12:00:00Z');
  await db.prisma.scheduledTest.create({ data: { schoolId: f.schoolId, externalId: `t${n}`, classId: f.classId, subjectId: f.subjectId, date: new Date('2026-11-25'), topic: 'Обыкновенные дроби' } });
  await db.prisma.homework.create({ data: { schoolId: f.schoolId, externalId: `h${n}`, classId: f.classId, subjectId: russian.id, dueOn: new Date('2026-11-23'), text: 'Упр. 214, выучить правило на с. 87' } });
  await db.prisma.recommendation.create({
    data: { schoolId: f.schoolId, externalId: `r${n}`, studentId: f.studentId, teacherId: f.teacherId, date: new Date('2026-11-19'), text: 'Пётр хорошо работал на уроке, стоит повторить таблицу умножения на 7', createdAt: new Date('2026-11-19T13:00:00Z') },
  });
  await runDigests(db.pool, { schoolId: f.schoolId, now: DIGEST_NOW });
  // Due now whatever the machine's clock says.
  await db.pool.query(`UPDATE outbox_messages SET "nextAttemptAt" = now() WHERE "guardianId" = $1`, [f.guardianId]);
  return f;
}
