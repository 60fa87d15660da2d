// The admin's landing page: the school at a glance. Each figure is one aggregate query over
// the school's rows, so the page costs the same few queries for 50 families or 2,000.
import type { PrismaClient } from '../../db/prisma.js';
import { listPendingCritical, type PendingCritical } from '../reports/delivery-report.js';
import { FAMILY_CHANNELS, type FamilyChannel } from './channel-sql.js';
import { countFamiliesByChannel } from './count-families-by-channel.js';
import { countInactiveChannels } from './count-inactive-channels.js';
import { countOutstandingConsent } from './count-outstanding-consent.js';
import { countTodayDeliveries, type TodayDeliveries } from './count-today-deliveries.js';
import { listInactiveChannels, type InactiveChannelRow } from './list-inactive-channels.js';
import { listUnackedResults } from './list-unacked-results.js';

export interface OverviewClass {
  id: string;
  name: string;
  families: number;
  connected: number;
  withoutConsent: number;
  codesOutstanding: number;
  unackedFinals: number;
  unackedExams: number;
  inactiveChannels: number;
}

export interface SchoolOverview {
  families: { total: number; connected: number; byChannel: Record<FamilyChannel, number> };
  classes: OverviewClass[];
  /** R8: critical messages not delivered yet; overdue (negative hours left) first. */
  pending: PendingCritical[];
  /** The first 500 of them, by class; `inactiveTotal` counts them all. */
  inactive: InactiveChannelRow[];
  inactiveTotal: number;
  today: TodayDeliveries;
}

export async function loadSchoolOverview(prisma: PrismaClient, school: { id: string; timezone: string }, now: Date): Promise<SchoolOverview> {
  const classes = await prisma.schoolClass.findMany({ where: { schoolId: school.id }, select: { id: true, name: true }, orderBy: [{ grade: 'asc' }, { name: 'asc' }] });
  const [families, consent, unacked, pending, inactive, inactiveCounts, today] = [
    await countFamiliesByChannel(prisma, school.id),
    await countOutstandingConsent(prisma, school.id, now),
    await listUnackedResults(prisma, school.id),
    await listPendingCritical(prisma, school.id, now),
    await listInactiveChannels(prisma, school.id),
    await countInactiveChannels(prisma, school.id),
    await countTodayDeliveries(prisma, school.id, school.timezone, now),
  ];
  const byChannel = Object.fromEntries(FAMILY_CHANNELS.map((c) => [c, 0])) as Record<FamilyChannel, number>;
  for (const f of families) byChannel[f.channel] += f.families;
  const total = Object.values(byChannel).reduce((a, b) => a + b, 0);
  const sum = <T extends { classId: string }>(rows: T[], classId: string, pick: (row: T) => number) => rows.filter((r) => r.classId === classId).reduce((a, r) => a + pick(r), 0);
  return {
    families: { total, connected: total - byChannel.none, byChannel },
    classes: classes.map((c) => ({
      id: c.id,
      name: c.name,
      families: sum(families, c.id, (f) => f.families),
      connected: sum(families, c.id, (f) => (f.channel === 'none' ? 0 : f.families)),
      withoutConsent: sum(consent, c.id, (r) => r.withoutConsent),
      codesOutstanding: sum(consent, c.id, (r) => r.codesOutstanding),
      unackedFinals: sum(unacked, c.id, (r) => (r.kind === 'final_marks' ? 1 : 0)),
      unackedExams: sum(unacked, c.id, (r) => (r.kind === 'exam_result' ? 1 : 0)),
      inactiveChannels: sum(inactiveCounts, c.id, (r) => r.count),
    })),
    pending,
    inactive,
    inactiveTotal: inactiveCounts.reduce((a, r) => a + r.count, 0),
    today,
  };
}
