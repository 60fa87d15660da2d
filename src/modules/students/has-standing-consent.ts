import { Prisma } from '../../db/prisma.js';
import type { Db } from '../consent/types.js';

/**
 * A student's own access rests on a guardian's consent: a signed, unwithdrawn record of an
 * active guardian. As SQL, so the claim of a code and the loading of links check the same rule.
 */
export function standingConsentSql(studentId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM consent_records cr JOIN guardians cg ON cg.id = cr."guardianId"
    WHERE cr."studentId" = ${studentId} AND cr.decision = 'signed' AND cr."withdrawnAt" IS NULL AND cg.status = 'active')`;
}

export async function hasStandingConsent(db: Db, studentId: string): Promise<boolean> {
  const rows = await db.$queryRaw<Array<{ ok: boolean }>>`SELECT ${standingConsentSql(Prisma.sql`${studentId}::uuid`)} AS ok`;
  return rows[0]?.ok === true;
}
