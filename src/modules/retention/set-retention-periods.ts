import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../lib/app-error.js';

/**
 * The shortest periods a school may choose. View events feed the R10 compliance reports
 * read at the end of each period, the year's included, so they stay at least a year;
 * outbox messages back the delivery and SLA reports of a quarter.
 */
export const MIN_RETENTION_DAYS = { eventsDays: 1, outboxDays: 90, viewEventsDays: 365 } as const;
const MAX_RETENTION_DAYS = 3650;

export type RetentionPeriodName = keyof typeof MIN_RETENTION_DAYS;
export type RetentionPeriods = Record<RetentionPeriodName, number>;

const COLUMNS = { eventsDays: 'retainEventsDays', outboxDays: 'retainOutboxDays', viewEventsDays: 'retainViewEventsDays' } as const;

/** Changes some of a school's retention periods (in days) and returns all three; the change is audited. */
export async function setRetentionPeriods(
  prisma: PrismaClient,
  input: { schoolId: string; periods: Partial<Record<RetentionPeriodName, string | number>>; actor?: { type: string; id?: string } },
): Promise<RetentionPeriods> {
  const changes: Partial<Record<(typeof COLUMNS)[RetentionPeriodName], number>> = {};
  for (const name of Object.keys(COLUMNS) as RetentionPeriodName[]) {
    const given = input.periods[name];
    if (given === undefined) continue;
    const days = typeof given === 'number' ? given : /^\d+$/.test(given.trim()) ? Number(given) : NaN;
    if (!Number.isInteger(days) || days < MIN_RETENTION_DAYS[name] || days > MAX_RETENTION_DAYS) {
      throw new AppError('INVALID_INPUT', `${name}: "${given}" must be a whole number of days from ${MIN_RETENTION_DAYS[name]} to ${MAX_RETENTION_DAYS}`, { field: name });
    }
    changes[COLUMNS[name]] = days;
  }
  if (Object.keys(changes).length === 0) throw new AppError('INVALID_INPUT', 'no retention period given', { field: 'periods' });
  return prisma.$transaction(async (tx) => {
    const exists = /^[0-9a-f-]{36}$/i.test(input.schoolId) && (await tx.school.count({ where: { id: input.schoolId } })) > 0;
    if (!exists) throw new AppError('NOT_FOUND', `unknown school "${input.schoolId}"`, { field: 'school' });
    const school = await tx.school.update({ where: { id: input.schoolId }, data: changes });
    await tx.auditLog.create({
      data: { schoolId: school.id, actorType: input.actor?.type ?? 'cli', actorId: input.actor?.id ?? null, action: 'school.retention_set', targetType: 'school', targetId: school.id, details: changes },
    });
    return { eventsDays: school.retainEventsDays, outboxDays: school.retainOutboxDays, viewEventsDays: school.retainViewEventsDays };
  });
}
