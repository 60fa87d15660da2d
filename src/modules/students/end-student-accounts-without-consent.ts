import { Prisma } from '../../db/prisma.js';
import type { Db } from '../consent/types.js';
import { standingConsentSql } from './has-standing-consent.js';

/**
 * After a withdrawal: the students whose access no guardian's consent carries any more lose
 * it, in every messenger and on the web page (a web account's address is its session).
 */
export async function endStudentAccountsWithoutConsent(tx: Db, studentIds: readonly string[]): Promise<number> {
  if (studentIds.length === 0) return 0;
  const ended = await tx.$queryRaw<Array<{ channel: string; address: string }>>`
    DELETE FROM student_accounts sa
    WHERE sa."studentId" = ANY (${[...studentIds]}::uuid[]) AND NOT ${standingConsentSql(Prisma.sql`sa."studentId"`)}
    RETURNING sa.channel::text AS channel, sa.address`;
  const sessions = ended.filter((a) => a.channel === 'web').map((a) => a.address);
  if (sessions.length > 0) await tx.familySession.deleteMany({ where: { id: { in: sessions } } });
  return ended.length;
}
