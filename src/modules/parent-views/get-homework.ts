import type { PrismaClient } from '../../db/prisma.js';
import { dayRange, type DayRange } from './day-range.js';
import { isoDay } from './local-date.js';
import type { ViewScope } from './types.js';

export interface HomeworkEntry {
  dueOn: string;
  subjectName: string;
  text: string;
}

/** The class's homework due in the range, by day and subject. */
export async function getHomework(prisma: PrismaClient, scope: ViewScope & { range: DayRange }): Promise<{ from: string; to: string; items: HomeworkEntry[] }> {
  const { from, to } = dayRange(scope.range, scope.now, scope.child.timezone);
  const rows = await prisma.homework.findMany({
    where: { schoolId: scope.child.schoolId, classId: scope.child.classId, dueOn: { gte: from, lte: to } },
    orderBy: [{ dueOn: 'asc' }, { subject: { name: 'asc' } }],
    select: { dueOn: true, text: true, subject: { select: { name: true } } },
  });
  return { from: isoDay(from), to: isoDay(to), items: rows.map((r) => ({ dueOn: isoDay(r.dueOn), subjectName: r.subject.name, text: r.text })) };
}
