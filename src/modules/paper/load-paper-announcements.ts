// The school's announcements a batch carries for its families on paper: their paper outbox
// rows not printed yet (queued, written up to the batch's end: the batch marks exactly
// those sent), or, when a batch is printed again, those it marked sent.
import type pg from 'pg';
import type { AnnouncementMessagePayload } from '../notifications/types.js';

export interface PaperAnnouncement {
  guardianId: string;
  sentAt: Date;
  text: string;
  authorName: string | null;
  ackRequired: boolean;
  attachmentName: string | null;
}

export async function loadPaperAnnouncements(client: Pick<pg.PoolClient, 'query'>, guardianIds: readonly string[], from: Date, to: Date): Promise<PaperAnnouncement[]> {
  if (guardianIds.length === 0) return [];
  const { rows } = await client.query<{ guardianId: string; createdAt: Date; payload: AnnouncementMessagePayload }>(
    `SELECT "guardianId", "createdAt", payload FROM outbox_messages
      WHERE "channelType" = 'paper' AND kind = 'announcement' AND "guardianId" = ANY($1::uuid[])
        AND ((status = 'queued' AND "createdAt" <= $3)
             OR (status = 'sent' AND "providerId" LIKE 'paper-batch:%' AND "sentAt" > $2 AND "sentAt" <= $3))
      ORDER BY "createdAt"`,
    [[...guardianIds], from, to],
  );
  return rows.map((r) => ({
    guardianId: r.guardianId,
    sentAt: r.createdAt,
    text: r.payload.text,
    authorName: r.payload.authorName,
    ackRequired: r.payload.ackRequired,
    attachmentName: r.payload.attachment?.fileName ?? null,
  }));
}
