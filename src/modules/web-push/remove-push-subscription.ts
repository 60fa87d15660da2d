import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../lib/app-error.js';
import { illFormedReason } from '../../lib/well-formed-text.js';
import { MAX_ENDPOINT_LENGTH } from './check-subscription.js';

/**
 * The family turned web push off in this browser: its rows for the family's guardians
 * become inactive, and so do their channels, so messages go by the next channel. Rows are
 * kept, not deleted, so past deliveries still name their channel. Returns how many changed.
 */
export async function removePushSubscription(prisma: PrismaClient, guardianIds: readonly string[], endpoint: unknown): Promise<number> {
  if (typeof endpoint !== 'string' || endpoint.length === 0 || endpoint.length > MAX_ENDPOINT_LENGTH || illFormedReason(endpoint)) {
    throw new AppError('INVALID_INPUT', 'endpoint: required', { field: 'endpoint', reason: 'required' });
  }
  return prisma.$transaction(async (tx) => {
    const rows = await tx.pushSubscription.findMany({ where: { endpoint, guardianId: { in: [...guardianIds] }, active: true }, select: { id: true } });
    const ids = rows.map((r) => r.id);
    if (ids.length === 0) return 0;
    await tx.pushSubscription.updateMany({ where: { id: { in: ids } }, data: { active: false } });
    await tx.channel.updateMany({ where: { type: 'webpush', address: { in: ids } }, data: { active: false, inactiveReason: 'unsubscribed' } });
    return ids.length;
  });
}
