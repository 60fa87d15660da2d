import { Prisma, type PrismaClient } from '../../db/prisma.js';

/**
 * The audit log as people read it: the rows one action wrote at once (25 codes issued in
 * one transaction share actor, action and instant) become one line with a count.
 */
export interface AuditLinesQuery {
  schoolId: string;
  /** An exact action or a prefix ending in "." (e.g. "consent."). */
  action?: string;
  /** "staff:<id>" for one staff member, or an actor type: cli, system, api, guardian, anonymous, staff. */
  actor?: string;
  /** Instants, inclusive from and exclusive to. */
  from?: Date;
  to?: Date;
  page?: number;
  pageSize?: number;
}

export interface AuditLine {
  /** The newest row's id: stable for links and tests. */
  id: string;
  createdAt: Date;
  actorType: string;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetIds: string[];
  count: number;
  /** Every row's details, in the order written. */
  details: unknown[];
}

export const STAFF_ACTOR_TYPES = ['admin', 'teacher'];

function whereClause(query: AuditLinesQuery): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`"schoolId" = ${query.schoolId}::uuid`];
  if (query.action) parts.push(query.action.endsWith('.') ? Prisma.sql`starts_with(action, ${query.action})` : Prisma.sql`action = ${query.action}`);
  const actor = query.actor ?? '';
  if (actor.startsWith('staff:')) parts.push(Prisma.sql`"actorType" IN ('admin', 'teacher') AND "actorId" = ${actor.slice(6)}`);
  else if (actor === 'staff') parts.push(Prisma.sql`"actorType" IN ('admin', 'teacher')`);
  else if (actor) parts.push(Prisma.sql`"actorType" = ${actor}`);
  if (query.from) parts.push(Prisma.sql`"createdAt" >= ${query.from}`);
  if (query.to) parts.push(Prisma.sql`"createdAt" < ${query.to}`);
  return Prisma.join(parts, ' AND ');
}

/** One page of lines, newest first, and whether an older page exists. */
export async function queryAuditLines(prisma: PrismaClient, query: AuditLinesQuery): Promise<{ lines: AuditLine[]; hasMore: boolean }> {
  const pageSize = Math.min(Math.max(query.pageSize ?? 50, 1), 10_000);
  const page = Math.max(query.page ?? 1, 1);
  const rows = await prisma.$queryRaw<Array<{ id: bigint; createdAt: Date; actorType: string; actorId: string | null; action: string; targetType: string | null; targetIds: string[] | null; count: number; details: unknown }>>`
    SELECT max(id) AS id, "createdAt", "actorType", "actorId", action, min("targetType") AS "targetType",
           array_remove(array_agg("targetId" ORDER BY id), NULL) AS "targetIds", count(*)::int AS count,
           jsonb_agg(details ORDER BY id) AS details
      FROM audit_log
     WHERE ${whereClause(query)}
     GROUP BY "createdAt", "actorType", "actorId", action
     ORDER BY "createdAt" DESC, max(id) DESC
     LIMIT ${pageSize + 1} OFFSET ${(page - 1) * pageSize}`;
  const lines = rows.slice(0, pageSize).map((r) => ({
    id: r.id.toString(),
    createdAt: new Date(r.createdAt),
    actorType: r.actorType,
    actorId: r.actorId,
    action: r.action,
    targetType: r.targetType,
    targetIds: r.targetIds ?? [],
    count: Number(r.count),
    details: (Array.isArray(r.details) ? r.details : typeof r.details === 'string' ? (JSON.parse(r.details) as unknown[]) : []).filter((d) => d !== null),
  }));
  return { lines, hasMore: rows.length > pageSize };
}

/** The school's staff and the distinct actions in its log, for the filter lists. */
export async function listAuditFilterChoices(prisma: PrismaClient, schoolId: string): Promise<{ actions: string[]; staff: Array<{ id: string; name: string }> }> {
  const [actions, staff] = await Promise.all([
    prisma.auditLog.findMany({ where: { schoolId }, distinct: ['action'], select: { action: true }, orderBy: { action: 'asc' } }),
    prisma.staffUser.findMany({ where: { schoolId }, select: { id: true, fullName: true, email: true }, orderBy: [{ fullName: 'asc' }, { email: 'asc' }] }),
  ]);
  return { actions: actions.map((a) => a.action), staff: staff.map((u) => ({ id: u.id, name: u.fullName || u.email })) };
}
