// Scheduled announcements whose time has come, sent by the planner's pass (the
// notifications:plan tick and the event wake-up), so no loop of their own is needed.
// SKIP LOCKED lets several workers share the work; each announcement commits alone.
import type pg from 'pg';
import { sendAnnouncement } from './send-announcement.js';

export async function sendDueAnnouncements(pool: pg.Pool, now: Date, limit = 20): Promise<number> {
  let sent = 0;
  for (;;) {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ id: string }>(
        `SELECT id FROM announcements WHERE status = 'scheduled' AND "sendAt" <= $1 ORDER BY "sendAt" LIMIT 1 FOR UPDATE SKIP LOCKED`,
        [now],
      );
      const row = rows[0];
      if (!row) {
        await client.query('COMMIT');
        return sent;
      }
      await sendAnnouncement(client, row.id, now, { type: 'system', id: null });
      await client.query('COMMIT');
      sent += 1;
      if (sent >= limit) return sent;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}
