import type { PrismaClient } from '../../db/prisma.js';

export interface PushSubscriptionSummary {
  id: string;
  guardianId: string;
  /** The browser's label, so the family can tell its devices apart. */
  userAgent: string | null;
  active: boolean;
  createdAt: Date;
  lastSuccessAt: Date | null;
}

/** A family's browsers with web push, newest first; keys and endpoints stay on the server. */
export async function listPushSubscriptions(prisma: PrismaClient, guardianIds: readonly string[]): Promise<PushSubscriptionSummary[]> {
  return prisma.pushSubscription.findMany({
    where: { guardianId: { in: [...guardianIds] } },
    orderBy: { createdAt: 'desc' },
    select: { id: true, guardianId: true, userAgent: true, active: true, createdAt: true, lastSuccessAt: true },
  });
}
