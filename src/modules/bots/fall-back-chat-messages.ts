// Messages still waiting for chats that were just unlinked go to each family's next channel
// now: their bot may have no sender any more, so no dispatcher would claim them to find out.
import type pg from 'pg';
import { fallBack } from '../delivery/fall-back.js';

export async function fallBackChatMessages(pool: pg.Pool, botId: string, channelIds: string[], reason: string): Promise<number> {
  if (channelIds.length === 0) return 0;
  const { rows } = await pool.query<{ id: string }>(
    `SELECT id FROM outbox_messages WHERE "botId" = $1 AND status IN ('queued', 'failed', 'sending') AND "channelId" = ANY($2::uuid[]) ORDER BY "createdAt"`,
    [botId, channelIds],
  );
  let moved = 0;
  // Without a claim token fallBack moves only a row nobody holds; a row a live sender holds is
  // finished by it, and its next claim sees the chat inactive.
  for (const row of rows) if ((await fallBack(pool, row.id, reason, false)).applied) moved += 1;
  return moved;
}
