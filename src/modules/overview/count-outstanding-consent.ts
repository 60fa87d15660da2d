import type { PrismaClient } from '../../db/prisma.js';

export interface OutstandingConsent {
  classId: string;
  students: number;
  /** Students no active guardian has a signed, standing consent for. */
  withoutConsent: number;
  /** Parents' codes handed out and still usable, whose form is not signed or not yet redeemed. */
  codesOutstanding: number;
}

/** Per class: who still lacks consent, and how many issued codes are still out with families. */
export async function countOutstandingConsent(prisma: PrismaClient, schoolId: string, now: Date): Promise<OutstandingConsent[]> {
  return prisma.$queryRaw<OutstandingConsent[]>`
    SELECT st."classId"::text AS "classId",
      count(*)::int AS students,
      count(*) FILTER (WHERE NOT EXISTS (
        SELECT 1 FROM consent_records cr JOIN guardians cg ON cg.id = cr."guardianId"
         WHERE cr."studentId" = st.id AND cr.decision = 'signed' AND cr."withdrawnAt" IS NULL AND cg.status = 'active'))::int AS "withoutConsent",
      COALESCE(sum((SELECT count(*) FROM consent_codes cc
         WHERE cc."studentId" = st.id AND cc."schoolId" = ${schoolId}::uuid AND NOT cc."forStudent"
           AND cc.status IN ('issued', 'active') AND cc."expiresAt" > ${now})), 0)::int AS "codesOutstanding"
    FROM students st
    WHERE st."schoolId" = ${schoolId}::uuid
    GROUP BY 1`;
}
