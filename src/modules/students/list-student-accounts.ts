import type { PrismaClient } from '../../db/prisma.js';

export interface StudentAccountEntry {
  id: string;
  studentId: string;
  fullName: string;
  channel: 'telegram' | 'max' | 'web';
  createdAt: Date;
}

/** The student accounts of these guardians' children, for the parent's settings. */
export async function listStudentAccounts(prisma: PrismaClient, guardianIds: readonly string[]): Promise<StudentAccountEntry[]> {
  if (guardianIds.length === 0) return [];
  const rows = await prisma.studentAccount.findMany({
    where: { student: { guardians: { some: { guardianId: { in: [...guardianIds] } } } } },
    include: { student: { select: { fullName: true } } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  return rows.map((r) => ({ id: r.id, studentId: r.studentId, fullName: r.student.fullName, channel: r.channel as StudentAccountEntry['channel'], createdAt: r.createdAt }));
}
