import type { PrismaClient } from '../../db/prisma.js';

/** Per class: channels of active guardians that stopped working (the list of them is capped, this is not). */
export async function countInactiveChannels(prisma: PrismaClient, schoolId: string): Promise<Array<{ classId: string; count: number }>> {
  return prisma.$queryRaw<Array<{ classId: string; count: number }>>`
    SELECT st."classId"::text AS "classId", count(*)::int AS count
      FROM channels ch
      JOIN guardians gd ON gd.id = ch."guardianId" AND gd.status = 'active' AND gd."schoolId" = ${schoolId}::uuid
      JOIN guardian_students gs ON gs."guardianId" = gd.id
      JOIN students st ON st.id = gs."studentId"
     WHERE NOT ch.active AND ch.type <> 'paper'
     GROUP BY 1`;
}
