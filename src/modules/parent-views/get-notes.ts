import type { PrismaClient } from '../../db/prisma.js';
import { isoDay } from './local-date.js';
import type { ViewScope } from './types.js';

export interface NoteEntry {
  date: string;
  teacherName: string | null;
  text: string;
}

/** Teachers' recommendations to the family, newest first. */
export async function getNotes(prisma: PrismaClient, scope: ViewScope, limit = 10): Promise<NoteEntry[]> {
  const rows = await prisma.recommendation.findMany({
    where: { schoolId: scope.child.schoolId, studentId: scope.child.studentId },
    orderBy: [{ date: 'desc' }, { createdAt: 'desc' }],
    take: limit,
    select: { date: true, text: true, teacher: { select: { fullName: true } } },
  });
  return rows.map((r) => ({ date: isoDay(r.date), teacherName: r.teacher?.fullName ?? null, text: r.text }));
}
