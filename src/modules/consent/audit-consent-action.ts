import type { Prisma } from '../../db/prisma.js';
import type { Actor, Db } from './types.js';

export type ConsentAuditAction =
  | 'consent.code.issue'
  | 'consent.code.activate'
  | 'consent.code.redeem'
  | 'consent.code.fail'
  | 'consent.code.revoke'
  | 'consent.code.reissue'
  | 'consent.code.alarm'
  | 'consent.record'
  | 'consent.refuse'
  | 'consent.withdraw'
  | 'consent.email.verify'
  | 'channel.link';

export interface ConsentAuditEntry {
  schoolId: string | null;
  actor: Actor;
  action: ConsentAuditAction;
  targetType?: string;
  targetId?: string | null;
  details?: Prisma.InputJsonValue;
}

/** Written in the same transaction as the action, so the log never claims what did not happen. */
export async function auditConsentAction(db: Db, entries: ConsentAuditEntry | ConsentAuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  await db.auditLog.createMany({
    data: list.map((e) => ({
      schoolId: e.schoolId,
      actorType: e.actor.type,
      actorId: e.actor.id ?? null,
      action: e.action,
      targetType: e.targetType ?? null,
      targetId: e.targetId ?? null,
      details: e.details,
    })),
  });
}
