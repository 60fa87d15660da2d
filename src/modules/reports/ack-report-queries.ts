import type { PrismaClient } from '../../db/prisma.js';
import type { AckItem } from './class-ack-report.js';

/** Same subject and reference as the parent views write when a period's final marks are confirmed. */
export const FINAL_MARKS_SUBJECT = 'final_marks';
/** Acknowledge buttons on messages record the message kind as the subject and its cause as the reference. */
export const DIGEST_SUBJECT = 'digest';
export const FINAL_MARK_MESSAGE_SUBJECT = 'final_mark';

function causeOf(payload: unknown): string | null {
  const cause = (payload as { cause?: unknown } | null)?.cause;
  return typeof cause === 'string' ? cause : null;
}

/** Each guardian's latest digest and whether (and when) it was acknowledged. */
export async function lastDigests(prisma: PrismaClient, guardianIds: string[]): Promise<Map<string, AckItem>> {
  if (guardianIds.length === 0) return new Map();
  const messages = await prisma.outboxMessage.findMany({
    where: { guardianId: { in: guardianIds }, kind: 'digest', status: { notIn: ['cancelled', 'fell_back'] } },
    orderBy: [{ guardianId: 'asc' }, { createdAt: 'desc' }],
    distinct: ['guardianId'],
    select: { id: true, guardianId: true, createdAt: true, sentAt: true, status: true, updatedAt: true, payload: true },
  });
  // A digest acknowledged on its email copy (a fallback) shares the cause with the Telegram one.
  const causes = messages.map((m) => causeOf(m.payload)).filter((c): c is string => c !== null);
  const acks = await prisma.acknowledgment.findMany({
    where: { OR: [{ outboxMessageId: { in: messages.map((m) => m.id) } }, { guardianId: { in: guardianIds }, subject: DIGEST_SUBJECT, reference: { in: [...causes, ...messages.map((m) => m.id)] } }] },
    select: { guardianId: true, outboxMessageId: true, reference: true, acknowledgedAt: true },
  });
  const ackBy = new Map<string, Date>();
  for (const a of acks) {
    if (a.outboxMessageId) ackBy.set(a.outboxMessageId, a.acknowledgedAt);
    if (a.reference) ackBy.set(`${a.guardianId}:${a.reference}`, a.acknowledgedAt);
  }
  const result = new Map<string, AckItem>();
  for (const m of messages) {
    if (!m.guardianId) continue;
    const cause = causeOf(m.payload);
    const acknowledged = ackBy.get(m.id) ?? (cause ? ackBy.get(`${m.guardianId}:${cause}`) : undefined) ?? (m.status === 'acknowledged' ? m.updatedAt : null);
    result.set(m.guardianId, { at: (m.sentAt ?? m.createdAt).toISOString(), acknowledgedAt: acknowledged?.toISOString() ?? null });
  }
  return result;
}

/** Per guardian and child: the latest period with final marks, when they came out, and the confirmation. */
export async function latestFinalMarks(prisma: PrismaClient, studentIds: string[], guardianIds: string[]): Promise<Map<string, AckItem & { periodName: string }>> {
  if (studentIds.length === 0) return new Map();
  const latest = await prisma.finalMark.findMany({
    where: { studentId: { in: studentIds } },
    orderBy: [{ studentId: 'asc' }, { publishedAt: 'desc' }],
    distinct: ['studentId'],
    select: { studentId: true, periodId: true, publishedAt: true, period: { select: { name: true } } },
  });
  const references = latest.map((f) => `${f.studentId}:${f.periodId}`);
  const acks = await prisma.acknowledgment.findMany({
    where: { guardianId: { in: guardianIds }, subject: FINAL_MARKS_SUBJECT, reference: { in: references } },
    select: { guardianId: true, reference: true, acknowledgedAt: true },
  });
  const ackBy = new Map(acks.map((a) => [`${a.guardianId}:${a.reference}`, a.acknowledgedAt]));
  // The Acknowledge button under a final-mark message counts as well; its payload names the child and period.
  const messageAcks = await prisma.acknowledgment.findMany({
    where: { guardianId: { in: guardianIds }, subject: FINAL_MARK_MESSAGE_SUBJECT },
    select: { guardianId: true, acknowledgedAt: true, outboxMessage: { select: { payload: true } } },
    orderBy: { acknowledgedAt: 'asc' },
  });
  const students = await prisma.student.findMany({ where: { id: { in: studentIds } }, select: { id: true, fullName: true } });
  const studentByName = new Map(students.map((st) => [st.fullName, st.id]));
  for (const a of messageAcks) {
    const payload = a.outboxMessage?.payload as { studentName?: string; data?: { periodId?: string } } | undefined;
    const studentId = payload?.studentName ? studentByName.get(payload.studentName) : undefined;
    const key = `${a.guardianId}:${studentId}:${payload?.data?.periodId}`;
    if (studentId && payload?.data?.periodId && !ackBy.has(key)) ackBy.set(key, a.acknowledgedAt);
  }
  const sentAt = await finalMarkMessagesSent(prisma, guardianIds, studentByName);
  const links = await prisma.guardianStudent.findMany({ where: { studentId: { in: studentIds }, guardianId: { in: guardianIds } } });
  const result = new Map<string, AckItem & { periodName: string }>();
  for (const link of links) {
    const f = latest.find((l) => l.studentId === link.studentId);
    if (!f) continue;
    const key = `${link.guardianId}:${f.studentId}:${f.periodId}`;
    const acknowledged = ackBy.get(key) ?? null;
    // When the family was first sent the period's final marks; publication alone reaches nobody.
    result.set(`${link.guardianId}:${link.studentId}`, { at: sentAt.get(key)?.toISOString() ?? null, acknowledgedAt: acknowledged?.toISOString() ?? null, periodName: f.period.name });
  }
  return result;
}

/** Per guardian, child and period: when the first final-mark message to that guardian went out, on any channel. */
async function finalMarkMessagesSent(prisma: PrismaClient, guardianIds: string[], studentByName: Map<string, string>): Promise<Map<string, Date>> {
  const sent = await prisma.outboxMessage.findMany({
    where: { guardianId: { in: guardianIds }, kind: 'final_mark', OR: [{ sentAt: { not: null } }, { status: { in: ['sent', 'acknowledged'] } }] },
    select: { guardianId: true, sentAt: true, updatedAt: true, payload: true },
  });
  const first = new Map<string, Date>();
  for (const m of sent) {
    // Outbox payloads name the child, as the message shows it; the event data names the period.
    const payload = m.payload as { studentName?: string; data?: { periodId?: string } } | null;
    const studentId = payload?.studentName ? studentByName.get(payload.studentName) : undefined;
    if (!studentId || !payload?.data?.periodId) continue;
    const at = m.sentAt ?? m.updatedAt;
    const key = `${m.guardianId}:${studentId}:${payload.data.periodId}`;
    const earlier = first.get(key);
    if (!earlier || at < earlier) first.set(key, at);
  }
  return first;
}

/**
 * Per guardian: how many calendar weeks (in the school's zone) of [from, to] met R10, i.e. had
 * views on at least `minDays` different days. Several views in one sitting are one check, so
 * days are counted, not views (the overview's compliance chart counts the same way).
 */
export async function countWeeksMet(prisma: PrismaClient, guardianIds: string[], timeZone: string, from: string, to: string, minDays: number): Promise<Map<string, number>> {
  if (guardianIds.length === 0 || to < from) return new Map();
  const rows = await prisma.$queryRaw<Array<{ guardianId: string; met: bigint }>>`
    SELECT "guardianId"::text AS "guardianId", count(*) FILTER (WHERE n >= ${minDays}) AS met
    FROM (
      SELECT "guardianId", date_trunc('week', "viewedAt" AT TIME ZONE ${timeZone}) AS week,
             count(DISTINCT ("viewedAt" AT TIME ZONE ${timeZone})::date) AS n
      FROM view_events
      WHERE "guardianId" = ANY(${guardianIds}::uuid[])
        AND "viewedAt" >= (${from}::date)::timestamp AT TIME ZONE ${timeZone}
        AND "viewedAt" < ((${to}::date) + 1)::timestamp AT TIME ZONE ${timeZone}
      GROUP BY 1, 2
    ) weekly
    GROUP BY 1`;
  return new Map(rows.map((r) => [r.guardianId, Number(r.met)]));
}
