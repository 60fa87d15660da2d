// A school with one class of students, seeded directly (ingestion is not under test here).
import type { PrismaClient } from '../../../src/db/prisma.js';

export interface Roster {
  schoolId: string;
  classId: string;
  classExternalId: string;
  students: Array<{ id: string; externalId: string; fullName: string }>;
}

export async function seedRoster(
  prisma: PrismaClient,
  options: { name?: string; students?: string[]; codeLifetimeDays?: number; consentMode?: 'per_code' | 'bulk'; classExternalId?: string } = {},
): Promise<Roster> {
  const school = await prisma.school.create({
    data: {
      name: options.name ?? 'Школа № 17',
      timezone: 'Asia/Vladivostok',
      codeLifetimeDays: options.codeLifetimeDays ?? 120,
      consentMode: options.consentMode ?? 'per_code',
      // Both messengers, so a code works in either; MAX-only schools are tested on their own.
      chatChannels: ['telegram', 'max'],
    },
  });
  const classExternalId = options.classExternalId ?? 'c-5a';
  const schoolClass = await prisma.schoolClass.create({ data: { schoolId: school.id, externalId: classExternalId, name: '5А', grade: 5 } });
  const names = options.students ?? ['Петрова Мария Александровна', 'Иванов Иван Иванович'];
  const students = [];
  for (const [i, fullName] of names.entries()) {
    students.push(
      await prisma.student.create({ data: { schoolId: school.id, classId: schoolClass.id, externalId: `s-${i + 1}`, fullName } }),
    );
  }
  return { schoolId: school.id, classId: schoolClass.id, classExternalId, students };
}
