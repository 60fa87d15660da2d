import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../lib/app-error.js';
import { checkSubscription, type CheckOptions, type SubscriptionInput } from './check-subscription.js';

export interface SavedSubscription {
  /** One per guardian: also the address of that guardian's webpush channel. */
  ids: string[];
}

/**
 * Keeps a browser's subscription for every guardian of the signed-in family: upserted by
 * endpoint (a browser that subscribes again gets fresh keys, not a second row), each with
 * a webpush channel (address = subscription id) so the planner can choose it. The endpoint
 * is this browser now: other families' rows for it (a shared computer) are turned off.
 */
export async function savePushSubscription(
  prisma: PrismaClient,
  guardianIds: readonly string[],
  input: SubscriptionInput,
  options: CheckOptions = {},
): Promise<SavedSubscription> {
  const sub = checkSubscription(input, options);
  if (guardianIds.length === 0) throw new AppError('UNAUTHORIZED', 'no guardian to subscribe');
  return prisma.$transaction(async (tx) => {
    const ids: string[] = [];
    // A family's guardian rows may be in several schools: each subscription row is its guardian's school's.
    const guardians = await tx.guardian.findMany({ where: { id: { in: [...guardianIds] } }, select: { id: true, schoolId: true } });
    const schoolOf = new Map(guardians.map((g) => [g.id, g.schoolId]));
    for (const guardianId of guardianIds) {
      const schoolId = schoolOf.get(guardianId);
      if (!schoolId) throw new AppError('UNAUTHORIZED', 'no guardian to subscribe');
      const row = await tx.pushSubscription.upsert({
        where: { schoolId_guardianId_endpoint: { schoolId, guardianId, endpoint: sub.endpoint } },
        create: { schoolId, guardianId, ...sub },
        update: { p256dh: sub.p256dh, auth: sub.auth, userAgent: sub.userAgent, active: true },
        select: { id: true },
      });
      await tx.channel.upsert({
        where: { guardianId_type_address: { guardianId, type: 'webpush', address: row.id } },
        create: { guardianId, type: 'webpush', address: row.id, verified: true },
        update: { active: true, inactiveReason: null },
      });
      ids.push(row.id);
    }
    const others = await tx.pushSubscription.findMany({
      where: { endpoint: sub.endpoint, guardianId: { notIn: [...guardianIds] }, active: true },
      select: { id: true },
    });
    if (others.length > 0) {
      const stale = others.map((o) => o.id);
      await tx.pushSubscription.updateMany({ where: { id: { in: stale } }, data: { active: false } });
      await tx.channel.updateMany({ where: { type: 'webpush', address: { in: stale } }, data: { active: false, inactiveReason: 'subscribedByOtherFamily' } });
    }
    return { ids };
  });
}
