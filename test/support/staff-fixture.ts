// Two schools with real rows (classes, students, guardians, channels, views, messages, final
// marks) and real staff accounts created through the invitation flow, for staff web and report tests.
import type { AppContext } from '../../src/app/app-context.js';
import { loadConfig } from '../../src/config/env.js';
import type { PrismaClient } from '../../src/db/prisma.js';
import { createLogger } from '../../src/lib/logger.js';
import { addStaffUser } from '../../src/modules/staff/add-staff-user.js';
import { setPasswordFromInvite } from '../../src/modules/staff/set-password-from-invite.js';
import type { TestDatabase } from './db.js';

export const PASSWORD = 'correct horse battery';
export const SECRET = 'test-secret-0123456789abcdef';

export function testContext(db: TestDatabase, env: Record<string, string> = {}): AppContext {
  const config = loadConfig({ PUBLIC_URL: 'http://localhost:3000', VESTNIK_SECRET: SECRET, LOG_LEVEL: 'silent', ...env }, process.cwd());
  return { config, logger: createLogger('silent'), db, secret: SECRET };
}

export async function createStaff(ctx: AppContext, input: { schoolId: string; role: 'admin' | 'teacher'; email: string; classExternalId?: string }): Promise<string> {
  const added = await addStaffUser(ctx.db.prisma, ctx.secret, ctx.config.publicUrl, input);
  const token = added.inviteUrl.split('/').pop() as string;
  await setPasswordFromInvite(ctx.db.prisma, ctx.secret, token, PASSWORD);
  return added.id;
}

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

export interface SchoolFixture {
  schoolId: string;
  classA: { id: string; externalId: string };
  classB: { id: string; externalId: string };
  periodId: string;
  students: { ivanov: string; petrova: string; sidorov: string; kuznetsova: string };
  guardians: { ivanova: string; petrov: string; smirnova: string };
}

/**
 * School "Школа №1" (Europe/Moscow), period 2026-09-01…2026-10-31, class 5А with three
 * students (one without a guardian) and class 5Б with one. "Now" in tests is 2026-10-15T12:00Z.
 */
export async function createSchoolFixture(prisma: PrismaClient, name = 'Школа №1', now = new Date('2026-10-15T12:00:00Z')): Promise<SchoolFixture> {
  const school = await prisma.school.create({ data: { name, timezone: 'Europe/Moscow' } });
  const s = school.id;
  const period = await prisma.academicPeriod.create({ data: { schoolId: s, externalId: 'q1', name: '1 четверть', kind: 'quarter', startsOn: day('2026-09-01'), endsOn: day('2026-10-31') } });
  const classA = await prisma.schoolClass.create({ data: { schoolId: s, externalId: '5a', name: '5А', grade: 5 } });
  const classB = await prisma.schoolClass.create({ data: { schoolId: s, externalId: '5b', name: '5Б', grade: 5 } });
  const student = (externalId: string, fullName: string, classId: string) => prisma.student.create({ data: { schoolId: s, externalId, fullName, classId } });
  const ivanov = await student('st1', 'Иванов Пётр', classA.id);
  const petrova = await student('st2', 'Петрова Анна', classA.id);
  const sidorov = await student('st3', 'Сидоров Олег', classA.id);
  const kuznetsova = await student('st4', 'Кузнецова Мария', classB.id);
  const guardian = (fullName: string, studentId: string) =>
    prisma.guardian.create({ data: { schoolId: s, fullName, students: { create: { studentId } } } });
  const ivanova = await guardian('Иванова Елена', ivanov.id);
  const petrov = await guardian('Петров Сергей', petrova.id);
  const smirnova = await guardian('Смирнова Ольга', kuznetsova.id);
  await prisma.channel.create({ data: { guardianId: ivanova.id, type: 'telegram', address: '1001', verified: true } });
  await prisma.channel.create({ data: { guardianId: petrov.id, type: 'email', address: 'petrov@example.org', verified: true, active: false, inactiveReason: 'bounced' } });
  await prisma.channel.create({ data: { guardianId: smirnova.id, type: 'paper', verified: true } });

  // Views: Ivanova three times in the last 7 days, Petrov once.
  const ago = (hours: number) => new Date(now.getTime() - hours * 3600_000);
  for (const h of [2, 30, 100]) await prisma.viewEvent.create({ data: { schoolId: s, guardianId: ivanova.id, studentId: ivanov.id, view: 'marks', channelType: 'telegram', viewedAt: ago(h) } });
  await prisma.viewEvent.create({ data: { schoolId: s, guardianId: petrov.id, studentId: petrova.id, view: 'marks', channelType: 'telegram', viewedAt: ago(5) } });

  // Digests: Ivanova acknowledged hers, Petrov did not.
  const digest = (guardianId: string, key: string) =>
    prisma.outboxMessage.create({ data: { idempotencyKey: key, schoolId: s, guardianId, channelType: 'telegram', kind: 'digest', payload: {}, status: 'sent', sentAt: ago(48), createdAt: ago(48) } });
  const d1 = await digest(ivanova.id, `${s}-d1`);
  await digest(petrov.id, `${s}-d2`);
  await prisma.acknowledgment.create({ data: { schoolId: s, guardianId: ivanova.id, outboxMessageId: d1.id, subject: 'digest', channelType: 'telegram', acknowledgedAt: ago(40) } });

  // Final marks in maths for Ivanov (acknowledged) and Petrova (not); Sidorov deferred.
  const maths = await prisma.subject.create({ data: { schoolId: s, externalId: 'math', name: 'Математика' } });
  const russian = await prisma.subject.create({ data: { schoolId: s, externalId: 'rus', name: 'Русский язык' } });
  await prisma.finalMark.create({ data: { schoolId: s, studentId: ivanov.id, subjectId: maths.id, periodId: period.id, status: 'final', value: '5', publishedAt: ago(24) } });
  await prisma.finalMark.create({ data: { schoolId: s, studentId: petrova.id, subjectId: maths.id, periodId: period.id, status: 'final', value: '4', publishedAt: ago(24) } });
  await prisma.finalMark.create({ data: { schoolId: s, studentId: sidorov.id, subjectId: maths.id, periodId: period.id, status: 'deferred', deferredUntil: day('2026-11-10'), reason: 'болезнь', publishedAt: ago(24) } });
  await prisma.acknowledgment.create({ data: { schoolId: s, guardianId: ivanova.id, subject: 'final_marks', reference: `${ivanov.id}:${period.id}`, channelType: 'telegram', acknowledgedAt: ago(20) } });

  // Lessons: maths held twice, once cancelled, once in the future; russian once held.
  const lesson = (externalId: string, subjectId: string, date: string) =>
    prisma.lesson.create({ data: { schoolId: s, externalId, classId: classA.id, subjectId, date: day(date), number: 1 } });
  await lesson('l1', maths.id, '2026-10-05');
  await lesson('l2', maths.id, '2026-10-06');
  const cancelled = await lesson('l3', maths.id, '2026-10-07');
  await prisma.lessonChange.create({ data: { schoolId: s, lessonId: cancelled.id, kind: 'cancelled' } });
  await lesson('l4', maths.id, '2026-10-20');
  await lesson('l5', russian.id, '2026-10-05');

  return {
    schoolId: s,
    classA: { id: classA.id, externalId: '5a' },
    classB: { id: classB.id, externalId: '5b' },
    periodId: period.id,
    students: { ivanov: ivanov.id, petrova: petrova.id, sidorov: sidorov.id, kuznetsova: kuznetsova.id },
    guardians: { ivanova: ivanova.id, petrov: petrov.id, smirnova: smirnova.id },
  };
}
