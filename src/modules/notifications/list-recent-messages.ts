import type { PrismaClient } from '../../db/prisma.js';
import { asksAcknowledgment, type OutboxPayload } from './types.js';

export interface RecentMessage {
  id: string;
  guardianId: string;
  kind: string;
  sentAt: Date;
  payload: OutboxPayload;
  acknowledgeable: boolean;
  acknowledgedAt: Date | null;
}

interface Row {
  id: string;
  guardian_id: string;
  kind: string;
  created_at: Date;
  payload: OutboxPayload;
  acknowledged_at: Date | null;
}

/**
 * What the school sent the family lately, one entry per cause (a message that went by
 * chat and by email, or fell back, is one), newest first, with its acknowledgment. The
 * family page lists them so a family without a messenger can read and acknowledge them too.
 */
export async function listRecentMessages(prisma: PrismaClient, guardianIds: readonly string[], limit = 10): Promise<RecentMessage[]> {
  if (guardianIds.length === 0) return [];
  const rows = await prisma.$queryRaw<Row[]>`
    SELECT * FROM (
      SELECT DISTINCT ON (m."guardianId", COALESCE(m.payload->>'ackReference', m.payload->>'cause')) m.id, m."guardianId" AS guardian_id, m.kind, m."createdAt" AS created_at, m.payload,
             a."acknowledgedAt" AS acknowledged_at
        FROM outbox_messages m
        LEFT JOIN acknowledgments a ON a."guardianId" = m."guardianId" AND a.subject = m.kind
                                   AND a.reference = COALESCE(m.payload->>'ackReference', m.payload->>'cause')
       WHERE m."guardianId" = ANY (${[...guardianIds]}::uuid[]) AND m.status IN ('sent', 'acknowledged', 'fell_back') AND m.kind <> 'teacher_summary'
       ORDER BY m."guardianId", COALESCE(m.payload->>'ackReference', m.payload->>'cause'), m."createdAt" DESC
    ) latest
    ORDER BY created_at DESC
    LIMIT ${limit}`;
  return rows.map((r) => ({ id: r.id, guardianId: r.guardian_id, kind: r.kind, sentAt: r.created_at, payload: r.payload, acknowledgeable: asksAcknowledgment({ kind: r.kind, payload: r.payload }), acknowledgedAt: r.acknowledged_at }));
}
