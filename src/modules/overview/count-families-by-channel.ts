import type { PrismaClient } from '../../db/prisma.js';
import { CHANNEL_RANK, WORKING_ELECTRONIC, type FamilyChannel } from './channel-sql.js';

export interface FamilyChannelCount {
  classId: string;
  channel: FamilyChannel;
  families: number;
}

/**
 * Every student's family in one bucket: the channel its first message would go to (any of its
 * guardians), "paper" when a guardian consented but nothing electronic works, "none" when no
 * guardian has consented yet. A family is a student, so the total is the school's roll.
 */
export async function countFamiliesByChannel(prisma: PrismaClient, schoolId: string): Promise<FamilyChannelCount[]> {
  const rows = await prisma.$queryRaw<Array<{ classId: string; channel: FamilyChannel; families: number }>>`
    SELECT st."classId"::text AS "classId", fam.channel, count(*)::int AS families
    FROM students st
    CROSS JOIN LATERAL (
      SELECT COALESCE(
        (SELECT c.type::text FROM guardian_students gs
           JOIN guardians g ON g.id = gs."guardianId" AND g.status = 'active'
           JOIN channels c ON c."guardianId" = g.id
          WHERE gs."studentId" = st.id AND ${WORKING_ELECTRONIC}
          ORDER BY ${CHANNEL_RANK}, c.type LIMIT 1),
        CASE WHEN EXISTS (SELECT 1 FROM guardian_students gs JOIN guardians g ON g.id = gs."guardianId" AND g.status = 'active' WHERE gs."studentId" = st.id)
             THEN 'paper' ELSE 'none' END) AS channel
    ) fam
    WHERE st."schoolId" = ${schoolId}::uuid
    GROUP BY 1, 2`;
  return rows;
}
