import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../lib/app-error.js';
import { localDate } from './format.js';

export interface ClassContext {
  school: { id: string; name: string; timezone: string };
  schoolClass: { id: string; externalId: string; name: string };
  /** Today's calendar date in the school's zone, 'YYYY-MM-DD'. */
  today: string;
}

/** The class (by id or by the e-journal's id) within the school, or NOT_FOUND. */
export async function loadClassContext(prisma: PrismaClient, schoolId: string, ref: { classId?: string; classExternalId?: string }, now: Date): Promise<ClassContext> {
  const school = await prisma.school.findUnique({ where: { id: schoolId }, select: { id: true, name: true, timezone: true } }).catch(() => null);
  if (!school) throw new AppError('NOT_FOUND', `no school with id ${schoolId}`, { field: 'school' });
  const schoolClass = await prisma.schoolClass
    .findFirst({
      where: { schoolId, ...(ref.classId ? { id: ref.classId } : { externalId: ref.classExternalId ?? '' }) },
      select: { id: true, externalId: true, name: true },
    })
    .catch(() => null);
  if (!schoolClass) throw new AppError('NOT_FOUND', `no class "${ref.classExternalId ?? ref.classId}" in this school`, { field: 'class' });
  return { school, schoolClass, today: localDate(now, school.timezone) };
}

export interface PeriodRef {
  id: string;
  externalId: string;
  name: string;
  startsOn: string;
  endsOn: string;
}

function toRef(p: { id: string; externalId: string; name: string; startsOn: Date; endsOn: Date }): PeriodRef {
  return { id: p.id, externalId: p.externalId, name: p.name, startsOn: p.startsOn.toISOString().slice(0, 10), endsOn: p.endsOn.toISOString().slice(0, 10) };
}

export async function listPeriods(prisma: PrismaClient, schoolId: string): Promise<PeriodRef[]> {
  const rows = await prisma.academicPeriod.findMany({ where: { schoolId }, orderBy: [{ startsOn: 'asc' }, { endsOn: 'asc' }] });
  return rows.map(toRef);
}

/**
 * The period asked for (by id or external id, within the school), else the shortest period
 * containing today, else the latest that has started. Null when the school has none.
 */
export async function pickPeriod(prisma: PrismaClient, schoolId: string, today: string, ref: { periodId?: string; periodExternalId?: string } = {}): Promise<PeriodRef | null> {
  const periods = await listPeriods(prisma, schoolId);
  if (ref.periodId || ref.periodExternalId) {
    const found = periods.find((p) => p.id === ref.periodId || p.externalId === ref.periodExternalId);
    if (!found) throw new AppError('NOT_FOUND', `no period "${ref.periodExternalId ?? ref.periodId}" in this school`, { field: 'period' });
    return found;
  }
  const days = (p: PeriodRef) => Date.parse(p.endsOn) - Date.parse(p.startsOn);
  const current = periods.filter((p) => p.startsOn <= today && today <= p.endsOn).sort((a, b) => days(a) - days(b))[0];
  if (current) return current;
  return periods.filter((p) => p.startsOn <= today).at(-1) ?? periods[0] ?? null;
}
