// The staff fixture's school with what announcements need on top: signed consent for each
// guardian, a second child of Ivanova's in 5Б, staff principals, and a clock.
import type { PrismaClient } from '../../../src/db/prisma.js';
import type { StaffPrincipal } from '../../../src/modules/staff/staff-principal.js';
import { createSchoolFixture, type SchoolFixture } from '../../support/staff-fixture.js';

export const NOW = new Date('2026-10-15T12:00:00Z');

export interface AnnouncementFixture extends SchoolFixture {
  admin: StaffPrincipal;
  teacherA: StaffPrincipal;
  teacherB: StaffPrincipal;
  /** Ivanova's second child, in 5Б. */
  ivanovaSecondChild: string;
}

export async function createAnnouncementFixture(prisma: PrismaClient, name = 'Школа №1'): Promise<AnnouncementFixture> {
  const f = await createSchoolFixture(prisma, name, NOW);
  // The fixture's chat is a Telegram one.
  await prisma.school.update({ where: { id: f.schoolId }, data: { chatChannels: ['max', 'telegram'] } });
  const second = await prisma.student.create({ data: { schoolId: f.schoolId, externalId: 'st5', fullName: 'Иванова Дарья', classId: f.classB.id } });
  await prisma.guardianStudent.create({ data: { guardianId: f.guardians.ivanova, studentId: second.id } });
  const consents: Array<[string, string]> = [
    [f.guardians.ivanova, f.students.ivanov],
    [f.guardians.ivanova, second.id],
    [f.guardians.petrov, f.students.petrova],
    [f.guardians.smirnova, f.students.kuznetsova],
  ];
  await prisma.consentRecord.createMany({ data: consents.map(([guardianId, studentId]) => ({ schoolId: f.schoolId, guardianId, studentId, decision: 'signed' as const })) });
  const principal = (role: 'admin' | 'teacher', classId: string | null, fullName: string, email: string): StaffPrincipal => ({
    id: '00000000-0000-4000-8000-' + Math.floor(Math.random() * 1e12).toString().padStart(12, '0'),
    schoolId: f.schoolId,
    email,
    role,
    classId,
    fullName,
    locale: 'ru',
  });
  return {
    ...f,
    admin: principal('admin', null, 'Ольга Петрова', 'admin@school.example'),
    teacherA: principal('teacher', f.classA.id, 'Анна Сергеевна', 'teacher-a@school.example'),
    teacherB: principal('teacher', f.classB.id, 'Марина Ивановна', 'teacher-b@school.example'),
    ivanovaSecondChild: second.id,
  };
}
