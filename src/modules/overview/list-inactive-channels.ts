import { Prisma, type PrismaClient } from '../../db/prisma.js';
import { firstChannelSql } from './channel-sql.js';

export interface InactiveChannelRow {
  classId: string;
  className: string;
  guardianName: string | null;
  studentName: string;
  type: string;
  /** blocked, bounced, expired, … as the sender recorded it; null when only switched off. */
  reason: string | null;
  /** Where the guardian's messages go instead: the next working channel, else paper. */
  fallback: string;
}

/**
 * Channels that stopped working (blocked bot, bounced email, expired push) of the school's
 * active guardians, one row per child, with the channel the planner now uses instead.
 */
export async function listInactiveChannels(prisma: PrismaClient, schoolId: string, classId: string | null = null, limit = 500): Promise<InactiveChannelRow[]> {
  return prisma.$queryRaw<InactiveChannelRow[]>`
    SELECT k.id::text AS "classId", k.name AS "className", gd."fullName" AS "guardianName", st."fullName" AS "studentName",
           ch.type::text AS type, ch."inactiveReason" AS reason, ${firstChannelSql(Prisma.sql`gd.id`, Prisma.sql`ch.id`)} AS fallback
      FROM channels ch
      JOIN guardians gd ON gd.id = ch."guardianId" AND gd.status = 'active' AND gd."schoolId" = ${schoolId}::uuid
      JOIN guardian_students gs ON gs."guardianId" = gd.id
      JOIN students st ON st.id = gs."studentId"
      JOIN classes k ON k.id = st."classId"
     WHERE NOT ch.active AND ch.type <> 'paper' AND (${classId}::uuid IS NULL OR k.id = ${classId}::uuid)
     ORDER BY k.grade, k.name, st."fullName", ch.type
     LIMIT ${limit}`;
}
