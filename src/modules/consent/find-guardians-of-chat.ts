import type { Db } from './types.js';

/** The active guardians a Telegram chat is a channel of (one per school it registered with). */
export async function findGuardiansOfChat(db: Db, chatId: string): Promise<Array<{ id: string; schoolId: string }>> {
  return db.guardian.findMany({
    where: { status: 'active', channels: { some: { type: 'telegram', address: chatId } } },
    select: { id: true, schoolId: true },
    orderBy: { createdAt: 'asc' },
  });
}
