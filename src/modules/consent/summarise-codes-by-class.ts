import type { PrismaClient } from '../../db/prisma.js';

/** One class's codes by what became of them; `issued` counts every code ever handed out. */
export interface ClassCodeSummary {
  classId: string;
  className: string;
  issued: number;
  signed: number;
  redeemed: number;
  refused: number;
  expired: number;
  revoked: number;
}

/**
 * Every class of the school (those without codes too, so a class nobody started stands out),
 * counted in one query. Expired is derived as everywhere else: unused and past its date.
 */
export async function summariseCodesByClass(prisma: PrismaClient, schoolId: string, now: Date, classIds?: string[]): Promise<ClassCodeSummary[]> {
  const rows = await prisma.$queryRaw<Array<{ classId: string; className: string; issued: number; signed: number; redeemed: number; refused: number; expired: number; revoked: number }>>`
    SELECT cl.id AS "classId", cl.name AS "className",
           count(cc.id)::int AS issued,
           count(cr.id) FILTER (WHERE cr.decision = 'signed')::int AS signed,
           count(cc.id) FILTER (WHERE cc.status = 'redeemed')::int AS redeemed,
           count(cr.id) FILTER (WHERE cr.decision = 'refused')::int AS refused,
           count(cc.id) FILTER (WHERE cc.status IN ('issued', 'active') AND cc."expiresAt" <= ${now})::int AS expired,
           count(cc.id) FILTER (WHERE cc.status = 'revoked')::int AS revoked
      FROM classes cl
      LEFT JOIN students st ON st."schoolId" = cl."schoolId" AND st."classId" = cl.id
      LEFT JOIN consent_codes cc ON cc."studentId" = st.id AND cc."schoolId" = cl."schoolId"
      LEFT JOIN consent_records cr ON cr."codeId" = cc.id
     WHERE cl."schoolId" = ${schoolId}::uuid
     -- The class's key: its other columns depend on it.
     GROUP BY cl."schoolId", cl.id
     ORDER BY cl.grade, cl.name`;
  const visible = classIds ? new Set(classIds) : null;
  return rows.filter((r) => !visible || visible.has(r.classId)).map((r) => ({ ...r, issued: Number(r.issued), signed: Number(r.signed), redeemed: Number(r.redeemed), refused: Number(r.refused), expired: Number(r.expired), revoked: Number(r.revoked) }));
}
