import type { Db } from './types.js';

export interface ExpiredCode {
  id: string;
  studentId: string;
  studentName: string;
  className: string;
  status: 'issued' | 'active';
  forStudent: boolean;
}

/**
 * Unused codes past their date whose student holds no live code of the same kind: those
 * are the families still waiting for a code. A student already given a fresh one is left out,
 * so reissuing twice hands out nothing twice.
 */
export async function findExpiredCodes(db: Db, input: { schoolId: string; classIds?: string[]; now: Date }): Promise<ExpiredCode[]> {
  const rows = await db.consentCode.findMany({
    where: {
      schoolId: input.schoolId,
      status: { in: ['issued', 'active'] },
      expiresAt: { lte: input.now },
      ...(input.classIds ? { student: { classId: { in: input.classIds } } } : {}),
    },
    select: { id: true, studentId: true, status: true, forStudent: true, student: { select: { fullName: true, class: { select: { name: true, grade: true } } } } },
    orderBy: [{ student: { class: { grade: 'asc' } } }, { student: { class: { name: 'asc' } } }, { student: { fullName: 'asc' } }, { issuedAt: 'asc' }],
  });
  if (rows.length === 0) return [];
  const live = await db.consentCode.findMany({
    where: { schoolId: input.schoolId, studentId: { in: [...new Set(rows.map((r) => r.studentId))] }, status: { in: ['issued', 'active'] }, expiresAt: { gt: input.now } },
    select: { studentId: true, forStudent: true },
  });
  const covered = new Set(live.map((l) => `${l.studentId}:${l.forStudent}`));
  return rows
    .filter((r) => !covered.has(`${r.studentId}:${r.forStudent}`))
    .map((r) => ({ id: r.id, studentId: r.studentId, studentName: r.student.fullName, className: r.student.class.name, status: r.status as 'issued' | 'active', forStudent: r.forStudent }));
}
