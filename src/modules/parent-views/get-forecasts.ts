import type { PrismaClient } from '../../db/prisma.js';
import { forecastStudent, readSchoolRules, type SubjectForecast } from '../forecast/index.js';
import { loadRemainingLessons } from '../forecast/load-remaining-lessons.js';
import { subjectNames } from './get-current-marks.js';
import { findCurrentPeriod } from './find-current-period.js';
import { isoDay, localToday } from './local-date.js';
import type { PeriodInfo, ViewScope } from './types.js';

export interface SubjectForecastView {
  subjectId: string;
  subjectName: string;
  forecast: SubjectForecast;
}

export interface Forecasts {
  period: PeriodInfo | null;
  subjects: SubjectForecastView[];
}

/** R6: the forecast of every subject's final mark for the current period. */
export async function getForecasts(prisma: PrismaClient, scope: ViewScope): Promise<Forecasts> {
  const { child, now } = scope;
  const today = localToday(now, child.timezone);
  const period = await findCurrentPeriod(prisma, child.schoolId, today);
  if (!period) return { period: null, subjects: [] };
  const endsOn = new Date(`${period.endsOn}T00:00:00Z`);
  const [school, rows, remaining] = await Promise.all([
    prisma.$queryRaw<Array<{ roundingThreshold: number; markWeights: unknown }>>`
      SELECT "roundingThreshold", "markWeights" FROM schools WHERE id = ${child.schoolId}::uuid`,
    prisma.$queryRaw<Array<{ subjectId: string; value: string; weight: number; kind: string | null; date: string }>>`
      SELECT "subjectId", value, weight, kind, date::text AS date FROM marks
      WHERE "schoolId" = ${child.schoolId}::uuid AND "studentId" = ${child.studentId}::uuid AND date BETWEEN ${period.startsOn}::date AND ${period.endsOn}::date AND NOT deleted`,
    // Lessons still ahead in the period bound what can change; estimated past the loaded timetable.
    loadRemainingLessons(prisma, { schoolId: child.schoolId, classId: child.classId, today: isoDay(today), period }),
  ]);
  const marks = rows.map((r) => ({ ...r, date: new Date(`${r.date}T00:00:00Z`) }));
  const bySubject = new Map<string, typeof marks>();
  for (const mark of marks) {
    let list = bySubject.get(mark.subjectId);
    if (!list) bySubject.set(mark.subjectId, (list = []));
    list.push(mark);
  }
  const entries = forecastStudent({
    rules: readSchoolRules(school[0] ?? {}),
    now,
    periodEndsOn: endsOn,
    timeZone: child.timezone,
    // Without a timetable we cannot say how many lessons are left: "unknown", not zero.
    subjects: [...bySubject].map(([subjectId, list]) => ({
      subjectId,
      marks: list,
      remainingLessons: remaining ? (remaining.bySubject.get(subjectId) ?? 0) : null,
      remainingLessonsEstimated: remaining?.estimated ?? false,
    })),
  });
  const names = await subjectNames(prisma, child.schoolId, [...bySubject.keys()]);
  const subjects = entries.map((e) => ({ subjectId: e.subjectId, subjectName: names.get(e.subjectId) ?? '', forecast: e.forecast }));
  subjects.sort((a, b) => a.subjectName.localeCompare(b.subjectName, 'ru'));
  return { period, subjects };
}
