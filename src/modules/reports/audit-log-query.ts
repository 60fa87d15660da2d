import type { Prisma, PrismaClient } from '../../db/prisma.js';

export interface AuditQuery {
  schoolId: string;
  /** An exact action or a prefix ending in "." (e.g. "consent."). */
  action?: string;
  actorType?: string;
  actorId?: string;
  targetId?: string;
  /** Instants, inclusive from and exclusive to. */
  from?: Date;
  to?: Date;
  /** Rows older than this id (paging backwards through the log). */
  beforeId?: bigint;
  limit?: number;
}

export interface AuditEntry {
  id: string;
  createdAt: string;
  actorType: string;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: unknown;
}

/** The school's audit log, newest first, with staff actors named by email. */
export async function queryAuditLog(prisma: PrismaClient, query: AuditQuery): Promise<{ entries: AuditEntry[]; nextBeforeId: string | null }> {
  const limit = Math.min(Math.max(query.limit ?? 100, 1), 500);
  const where: Prisma.AuditLogWhereInput = { schoolId: query.schoolId };
  if (query.action) where.action = query.action.endsWith('.') ? { startsWith: query.action } : query.action;
  if (query.actorType) where.actorType = query.actorType;
  if (query.actorId) where.actorId = query.actorId;
  if (query.targetId) where.targetId = query.targetId;
  if (query.from || query.to) where.createdAt = { ...(query.from ? { gte: query.from } : {}), ...(query.to ? { lt: query.to } : {}) };
  if (query.beforeId !== undefined) where.id = { lt: query.beforeId };
  const rows = await prisma.auditLog.findMany({ where, orderBy: { id: 'desc' }, take: limit + 1 });
  const page = rows.slice(0, limit);
  const staffIds = [...new Set(page.map((r) => r.actorId).filter((id): id is string => !!id && /^[0-9a-f-]{36}$/i.test(id)))];
  const staff = await prisma.staffUser.findMany({ where: { id: { in: staffIds }, schoolId: query.schoolId }, select: { id: true, email: true } });
  const emails = new Map(staff.map((u) => [u.id, u.email]));
  return {
    entries: page.map((r) => ({
      id: r.id.toString(),
      createdAt: r.createdAt.toISOString(),
      actorType: r.actorType,
      actorId: r.actorId,
      actorEmail: r.actorId ? (emails.get(r.actorId) ?? null) : null,
      action: r.action,
      targetType: r.targetType,
      targetId: r.targetId,
      details: r.details,
    })),
    nextBeforeId: rows.length > limit ? (page.at(-1)?.id.toString() ?? null) : null,
  };
}
