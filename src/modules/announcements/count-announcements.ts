// Per announcement: families it went to, delivered to, who read it and who acknowledged it.
// A family counts once however many channels, copies and reminders it got.
import type { PrismaClient } from '../../db/prisma.js';
import type { AnnouncementCounts } from './types.js';

interface Row {
  id: string;
  recipients: number;
  delivered: number;
  read: number;
  acknowledged: number;
}

/** `classes`: count only the families with a child in them (a class teacher's view); null: all. */
export async function countAnnouncements(prisma: PrismaClient, schoolId: string, ids: readonly string[], classes: string[] | null = null): Promise<Map<string, AnnouncementCounts>> {
  if (ids.length === 0) return new Map();
  const rows = await prisma.$queryRaw<Row[]>`
    WITH sent AS (
      SELECT o.payload->>'announcementId' AS id, o."guardianId", bool_or(o.status IN ('sent', 'acknowledged')) AS delivered
        FROM outbox_messages o
       WHERE o."schoolId" = ${schoolId}::uuid AND o.kind = 'announcement' AND o."guardianId" IS NOT NULL
         AND o.payload->>'announcementId' = ANY (${[...ids]}::text[])
         AND (${classes === null}::boolean OR EXISTS (
           SELECT 1 FROM guardian_students gs JOIN students st ON st.id = gs."studentId"
            WHERE gs."guardianId" = o."guardianId" AND st."classId" = ANY (${classes ?? []}::uuid[])))
       GROUP BY 1, 2),
    acked AS (
      SELECT substr(a.reference, 14) AS id, a."guardianId" FROM acknowledgments a
       WHERE a.subject = 'announcement' AND a.reference = ANY (${ids.map((id) => `announcement:${id}`)}::text[])),
    opened AS (
      SELECT r."announcementId"::text AS id, r."guardianId" FROM announcement_reads r
       WHERE r."schoolId" = ${schoolId}::uuid AND r."announcementId" = ANY (${[...ids]}::uuid[])
      UNION SELECT id, "guardianId" FROM acked)
    SELECT s.id, count(*)::int AS recipients, count(*) FILTER (WHERE s.delivered)::int AS delivered,
           count(*) FILTER (WHERE EXISTS (SELECT 1 FROM opened r WHERE r.id = s.id AND r."guardianId" = s."guardianId"))::int AS read,
           count(*) FILTER (WHERE EXISTS (SELECT 1 FROM acked k WHERE k.id = s.id AND k."guardianId" = s."guardianId"))::int AS acknowledged
      FROM sent s GROUP BY s.id`;
  return new Map(rows.map((r) => [r.id, { recipients: r.recipients, delivered: r.delivered, read: r.read, acknowledged: r.acknowledged }]));
}
