// R10: parents confirm they have seen final marks (and exam results). The final marks reuse the
// acknowledgment report's query, so the overview and the class report never disagree.
import type { PrismaClient } from '../../db/prisma.js';
import { latestFinalMarks } from '../reports/ack-report-queries.js';

export interface UnackedResult {
  classId: string;
  studentId: string;
  studentName: string;
  guardianId: string;
  guardianName: string | null;
  kind: 'final_marks' | 'exam_result';
  /** The period of the final marks, or the exam's name. */
  label: string;
  /** When it was sent to the family; null when it never went out. */
  sentAt: string | null;
}

/** Unacknowledged final marks (the latest period per child) and exam results, of a school or one class. */
export async function listUnackedResults(prisma: PrismaClient, schoolId: string, classId: string | null = null): Promise<UnackedResult[]> {
  const links = await prisma.guardianStudent.findMany({
    where: { student: { schoolId, ...(classId ? { classId } : {}) }, guardian: { status: 'active' } },
    select: { guardianId: true, guardian: { select: { fullName: true } }, student: { select: { id: true, fullName: true, classId: true } } },
  });
  if (links.length === 0) return [];
  const studentIds = [...new Set(links.map((l) => l.student.id))];
  const guardianIds = [...new Set(links.map((l) => l.guardianId))];
  const finals = await latestFinalMarks(prisma, studentIds, guardianIds);
  const result: UnackedResult[] = [];
  for (const link of links) {
    const final = finals.get(`${link.guardianId}:${link.student.id}`);
    if (!final || final.acknowledgedAt) continue;
    result.push({ ...base(link), kind: 'final_marks', label: final.periodName, sentAt: final.at });
  }
  // An exam result is acknowledged on its message, or on a fallback copy that shares its cause.
  const exams = await prisma.$queryRaw<Array<{ guardianId: string; studentId: string; name: string | null; sentAt: Date | null }>>`
    SELECT DISTINCT ON (m."guardianId", m.payload->>'cause') m."guardianId"::text AS "guardianId", st.id::text AS "studentId",
           m.payload->'data'->>'name' AS name, m."sentAt" AS "sentAt"
      FROM outbox_messages m
      JOIN guardian_students gs ON gs."guardianId" = m."guardianId"
      JOIN students st ON st.id = gs."studentId" AND st."fullName" = m.payload->>'studentName'
     WHERE m."schoolId" = ${schoolId}::uuid AND m.kind = 'exam_result' AND m.status IN ('queued', 'sending', 'sent', 'failed')
       AND (${classId}::uuid IS NULL OR st."classId" = ${classId}::uuid)
       AND m."guardianId" = ANY(${guardianIds}::uuid[])
       AND NOT EXISTS (SELECT 1 FROM acknowledgments a WHERE a."guardianId" = m."guardianId"
                        AND (a."outboxMessageId" = m.id OR (a.subject = 'exam_result' AND a.reference = m.payload->>'cause')))
     ORDER BY m."guardianId", m.payload->>'cause', m."sentAt" NULLS LAST`;
  const linkBy = new Map(links.map((l) => [`${l.guardianId}:${l.student.id}`, l]));
  for (const e of exams) {
    const link = linkBy.get(`${e.guardianId}:${e.studentId}`);
    if (link) result.push({ ...base(link), kind: 'exam_result', label: e.name ?? '', sentAt: e.sentAt?.toISOString() ?? null });
  }
  return result.sort((a, b) => a.studentName.localeCompare(b.studentName, 'ru') || a.kind.localeCompare(b.kind));
}

function base(link: { guardianId: string; guardian: { fullName: string | null }; student: { id: string; fullName: string; classId: string } }) {
  return { classId: link.student.classId, studentId: link.student.id, studentName: link.student.fullName, guardianId: link.guardianId, guardianName: link.guardian.fullName };
}
