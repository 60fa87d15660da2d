import type { PrismaClient } from '../../db/prisma.js';
import { isoDay, localToday } from './local-date.js';
import type { ViewScope } from './types.js';

export interface TestEntry {
  date: string;
  subjectName: string;
  topic: string | null;
}

/** The class's upcoming tests (контрольные), soonest first. */
export async function getTests(prisma: PrismaClient, scope: ViewScope, limit = 30): Promise<TestEntry[]> {
  const today = localToday(scope.now, scope.child.timezone);
  const rows = await prisma.scheduledTest.findMany({
    where: { schoolId: scope.child.schoolId, classId: scope.child.classId, date: { gte: today } },
    orderBy: [{ date: 'asc' }, { subject: { name: 'asc' } }],
    take: limit,
    select: { date: true, topic: true, subject: { select: { name: true } } },
  });
  return rows.map((r) => ({ date: isoDay(r.date), subjectName: r.subject.name, topic: r.topic }));
}
