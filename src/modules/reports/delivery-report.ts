import type { PrismaClient } from '../../db/prisma.js';

/** R8: final marks and exam results must reach parents within 24 hours. */
export const CRITICAL_KINDS = ['final_mark', 'exam_result'];
export const DEADLINE_HOURS = 24;
const UNDELIVERED = ['queued', 'sending', 'failed'] as const;

export interface StatusCount {
  kind: string;
  status: string;
  count: number;
}

export interface PendingCritical {
  id: string;
  kind: string;
  status: string;
  channelType: string;
  guardianName: string | null;
  studentName: string | null;
  createdAt: string;
  deadlineAt: string;
  /** Negative when the deadline has passed. */
  hoursLeft: number;
  error: string | null;
}

export interface InactiveChannel {
  channelId: string;
  type: string;
  guardianName: string | null;
  students: string;
  reason: string | null;
  since: string;
}

export interface DeliveryReport {
  sinceDays: number;
  byStatus: StatusCount[];
  pending: PendingCritical[];
  inactive: InactiveChannel[];
}

export async function buildDeliveryReport(prisma: PrismaClient, input: { schoolId: string; sinceDays?: number; now?: Date }): Promise<DeliveryReport> {
  const now = input.now ?? new Date();
  const sinceDays = input.sinceDays ?? 30;
  const since = new Date(now.getTime() - sinceDays * 86400_000);
  const grouped = await prisma.outboxMessage.groupBy({
    by: ['kind', 'status'],
    where: { schoolId: input.schoolId, createdAt: { gte: since } },
    _count: { _all: true },
    orderBy: [{ kind: 'asc' }, { status: 'asc' }],
  });
  const pending = await listPendingCritical(prisma, input.schoolId, now);
  const channels = await prisma.channel.findMany({
    where: { active: false, guardian: { schoolId: input.schoolId, status: 'active' } },
    include: { guardian: { select: { fullName: true, students: { select: { student: { select: { fullName: true, class: { select: { name: true } } } } } } } } },
    orderBy: { updatedAt: 'desc' },
    take: 500,
  });
  return {
    sinceDays,
    byStatus: grouped.map((g) => ({ kind: g.kind, status: g.status, count: g._count._all })),
    pending,
    inactive: channels.map((c) => ({
      channelId: c.id,
      type: c.type,
      guardianName: c.guardian.fullName,
      students: c.guardian.students.map((s) => `${s.student.fullName} (${s.student.class.name})`).join(', '),
      reason: c.inactiveReason,
      since: c.updatedAt.toISOString(),
    })),
  };
}

/** R8: final marks and exam results not delivered yet, the most urgent (overdue) first. */
export async function listPendingCritical(prisma: PrismaClient, schoolId: string, now: Date): Promise<PendingCritical[]> {
  const pendingRows = await prisma.outboxMessage.findMany({
    where: { schoolId, kind: { in: CRITICAL_KINDS }, status: { in: [...UNDELIVERED] } },
    include: { guardian: { select: { fullName: true } } },
    orderBy: [{ deadlineAt: 'asc' }, { createdAt: 'asc' }],
    take: 500,
  });
  return pendingRows
    .map((m) => {
      const deadline = m.deadlineAt ?? new Date(m.createdAt.getTime() + DEADLINE_HOURS * 3600_000);
      const payload = (m.payload ?? {}) as { studentName?: unknown };
      return {
        id: m.id,
        kind: m.kind,
        status: m.status,
        channelType: m.channelType,
        guardianName: m.guardian?.fullName ?? null,
        studentName: typeof payload.studentName === 'string' ? payload.studentName : null,
        createdAt: m.createdAt.toISOString(),
        deadlineAt: deadline.toISOString(),
        hoursLeft: Math.round(((deadline.getTime() - now.getTime()) / 3600_000) * 10) / 10,
        error: m.error,
      };
    })
    .sort((a, b) => a.hoursLeft - b.hoursLeft);
}
