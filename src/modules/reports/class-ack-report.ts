import type { PrismaClient } from '../../db/prisma.js';
import { loadClassContext, pickPeriod, type ClassContext, type PeriodRef } from './load-class-context.js';
import { weeksBetween } from './format.js';
import { countWeeksMet, lastDigests, latestFinalMarks } from './ack-report-queries.js';
import { channelState, type ChannelState } from './channel-state.js';

export type { ChannelState } from './channel-state.js';

/** R10: parents check progress at least twice a week, on two different days. */
export const MIN_WEEKLY_VIEWS = 2;
const WEEK_MS = 7 * 86400_000;

export interface AckItem {
  /** When it was sent to the family; null when nothing was ever sent (they may still confirm in the bot). */
  at: string | null;
  acknowledgedAt: string | null;
}

export interface AckRow {
  studentId: string;
  studentName: string;
  guardianId: string | null;
  guardianName: string | null;
  channels: ChannelState[];
  viewDays7d: number;
  lowViews: boolean;
  digest: AckItem | null;
  finalMarks: (AckItem & { periodName: string }) | null;
  weeksMet: number;
}

export interface AckReport {
  school: ClassContext['school'];
  schoolClass: ClassContext['schoolClass'];
  generatedAt: string;
  period: (PeriodRef & { weeks: number }) | null;
  rows: AckRow[];
}

export interface AckReportInput {
  schoolId: string;
  classId?: string;
  classExternalId?: string;
  periodId?: string;
  periodExternalId?: string;
  /** Only families with fewer than two views this week or something unacknowledged. */
  problemsOnly?: boolean;
  search?: string;
  now?: Date;
}

export async function buildAckReport(prisma: PrismaClient, input: AckReportInput): Promise<AckReport> {
  const now = input.now ?? new Date();
  const ctx = await loadClassContext(prisma, input.schoolId, input, now);
  const period = await pickPeriod(prisma, ctx.school.id, ctx.today, input);
  const students = await prisma.student.findMany({
    where: { classId: ctx.schoolClass.id },
    include: { guardians: { include: { guardian: { include: { channels: { orderBy: { type: 'asc' } } } } } } },
    orderBy: [{ fullName: 'asc' }, { externalId: 'asc' }],
  });
  const guardianIds = [...new Set(students.flatMap((s) => s.guardians.filter((g) => g.guardian.status === 'active').map((g) => g.guardianId)))];
  // R10 counts checks, not clicks: the days (in the school's zone) with a view in the last 7 days.
  const viewDays = guardianIds.length === 0 ? [] : await prisma.$queryRaw<Array<{ guardianId: string; days: bigint }>>`
    SELECT "guardianId"::text AS "guardianId", count(DISTINCT ("viewedAt" AT TIME ZONE ${ctx.school.timezone})::date) AS days
      FROM view_events
     WHERE "guardianId" = ANY(${guardianIds}::uuid[]) AND "viewedAt" > ${new Date(now.getTime() - WEEK_MS)} AND "viewedAt" <= ${now}
     GROUP BY 1`;
  const viewsBy = new Map(viewDays.map((v) => [v.guardianId, Number(v.days)]));
  const digests = await lastDigests(prisma, guardianIds);
  const finals = await latestFinalMarks(prisma, students.map((s) => s.id), guardianIds);
  const periodEnd = period ? (period.endsOn < ctx.today ? period.endsOn : ctx.today) : '';
  const weeks = period ? weeksBetween(period.startsOn, periodEnd) : [];
  const weeksMet = period ? await countWeeksMet(prisma, guardianIds, ctx.school.timezone, period.startsOn, periodEnd, MIN_WEEKLY_VIEWS) : new Map<string, number>();

  const search = input.search?.trim().toLowerCase();
  const rows: AckRow[] = [];
  for (const student of students) {
    if (search && !student.fullName.toLowerCase().includes(search)) continue;
    const links = student.guardians.filter((g) => g.guardian.status === 'active');
    const base = { studentId: student.id, studentName: student.fullName };
    if (links.length === 0) {
      rows.push({ ...base, guardianId: null, guardianName: null, channels: [], viewDays7d: 0, lowViews: true, digest: null, finalMarks: null, weeksMet: 0 });
      continue;
    }
    for (const { guardian } of links) {
      const viewDays7d = viewsBy.get(guardian.id) ?? 0;
      rows.push({
        ...base,
        guardianId: guardian.id,
        guardianName: guardian.fullName,
        channels: guardian.channels.map((c) => channelState(c, guardian.preferredChat)),
        viewDays7d,
        lowViews: viewDays7d < MIN_WEEKLY_VIEWS,
        digest: digests.get(guardian.id) ?? null,
        finalMarks: finals.get(`${guardian.id}:${student.id}`) ?? null,
        weeksMet: weeksMet.get(guardian.id) ?? 0,
      });
    }
  }
  const filtered = input.problemsOnly
    ? rows.filter((r) => r.lowViews || (r.digest && !r.digest.acknowledgedAt) || (r.finalMarks && !r.finalMarks.acknowledgedAt) || !r.channels.some((c) => c.works))
    : rows;
  return {
    school: ctx.school,
    schoolClass: ctx.schoolClass,
    generatedAt: now.toISOString(),
    period: period ? { ...period, weeks: weeks.length } : null,
    rows: filtered,
  };
}
