// Minimal school data for notification tests, written through Prisma like ingestion does.
import type { PrismaClient } from '../../../src/db/prisma.js';
import type { DomainEventPayloads, DomainEventType } from '../../../src/modules/events/event-types.js';

export interface Family {
  schoolId: string;
  classId: string;
  studentId: string;
  guardianId: string;
  subjectId: string;
  teacherId: string;
  periodId: string;
}

export interface FamilyOptions {
  schoolId?: string;
  timezone?: string;
  telegramChat?: string | null;
  email?: string | null;
  consent?: 'signed' | 'refused' | 'none';
  preference?: Record<string, unknown>;
  classExternalId?: string;
  n?: number;
}

let counter = 0;

export async function createSchool(prisma: PrismaClient, timezone = 'Europe/Moscow'): Promise<string> {
  const school = await prisma.school.create({ data: { name: 'Школа № 1', timezone, chatChannels: ['telegram', 'max'] } });
  return school.id;
}

export async function createFamily(prisma: PrismaClient, options: FamilyOptions = {}): Promise<Family> {
  counter += 1;
  const n = options.n ?? counter;
  const schoolId = options.schoolId ?? (await createSchool(prisma, options.timezone));
  const ext = options.classExternalId ?? '5A';
  const teacher = await prisma.teacher.upsert({
    where: { schoolId_externalId: { schoolId, externalId: 't1' } },
    update: {},
    create: { schoolId, externalId: 't1', fullName: 'Мария Ивановна Петрова', email: 'teacher@school.test' },
  });
  const klass = await prisma.schoolClass.upsert({
    where: { schoolId_externalId: { schoolId, externalId: ext } },
    update: {},
    create: { schoolId, externalId: ext, name: ext, grade: 5, classTeacherId: teacher.id },
  });
  const subject = await prisma.subject.upsert({
    where: { schoolId_externalId: { schoolId, externalId: 'math' } },
    update: {},
    create: { schoolId, externalId: 'math', name: 'Математика' },
  });
  const period = await prisma.academicPeriod.upsert({
    where: { schoolId_externalId: { schoolId, externalId: 'q2' } },
    update: {},
    create: { schoolId, externalId: 'q2', name: '2 четверть', kind: 'quarter', startsOn: new Date('2026-11-01'), endsOn: new Date('2026-12-31') },
  });
  const student = await prisma.student.create({ data: { schoolId, externalId: `s${n}`, fullName: `Иванов Пётр ${n}`, classId: klass.id } });
  const guardian = await prisma.guardian.create({ data: { schoolId, fullName: `Иванова Анна ${n}`, locale: 'ru' } });
  await prisma.guardianStudent.create({ data: { guardianId: guardian.id, studentId: student.id } });
  const consent = options.consent ?? 'signed';
  if (consent !== 'none') {
    await prisma.consentRecord.create({ data: { schoolId, guardianId: guardian.id, studentId: student.id, decision: consent } });
  }
  const chat = options.telegramChat === undefined ? String(100000 + n) : options.telegramChat;
  if (chat) await prisma.channel.create({ data: { guardianId: guardian.id, type: 'telegram', address: chat, verified: true } });
  if (options.email) await prisma.channel.create({ data: { guardianId: guardian.id, type: 'email', address: options.email, verified: true } });
  if (options.preference) await prisma.notificationPreference.create({ data: { schoolId, guardianId: guardian.id, ...options.preference } });
  return { schoolId, classId: klass.id, studentId: student.id, guardianId: guardian.id, subjectId: subject.id, teacherId: teacher.id, periodId: period.id };
}

export async function addEvent<T extends DomainEventType>(
  prisma: PrismaClient,
  family: Family,
  type: T,
  payload: DomainEventPayloads[T],
  options: { occurredAt?: Date; entityId?: string; classLevel?: boolean } = {},
): Promise<bigint> {
  const event = await prisma.domainEvent.create({
    data: {
      schoolId: family.schoolId,
      type,
      studentId: options.classLevel ? null : family.studentId,
      classId: options.classLevel ? family.classId : null,
      entityId: options.entityId ?? null,
      payload: payload as object,
      occurredAt: options.occurredAt ?? new Date(),
    },
  });
  return event.id;
}

export function markPayload(markId: string, value: string, previousValue?: string): DomainEventPayloads['mark_created'] {
  return { markId, subjectId: markId, subjectName: 'Математика', date: '2026-11-20', value, weight: 1, kind: 'answer', comment: null, previousValue };
}

export function finalPayload(value: string | null): DomainEventPayloads['final_mark_published'] {
  return {
    finalMarkId: '00000000-0000-4000-8000-000000000001',
    subjectId: '00000000-0000-4000-8000-000000000002',
    subjectName: 'Математика',
    periodId: '00000000-0000-4000-8000-000000000003',
    periodName: '2 четверть',
    value,
    deferredUntil: value ? null : '2027-01-20',
    reason: value ? null : 'болезнь',
  };
}
