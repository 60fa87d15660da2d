// Lessons still ahead in a period, per subject. E-journals often send the timetable only a
// week or two ahead; counting just those rows would tell a parent in October that too few
// lessons are left to reach a 5. Past the last loaded day, each subject's weekly pattern
// (its lessons per weekday over the loaded weeks) is carried on to the period's end,
// skipping holidays, and the result is marked as an estimate.

export interface TimetableLesson {
  readonly subjectId: string;
  /** 'YYYY-MM-DD'. */
  readonly date: string;
  /** A cancelled lesson will not happen, but its day was still a school day. */
  readonly cancelled?: boolean;
}

export interface RemainingLessonsInput {
  /** The class's loaded lessons in the period ('YYYY-MM-DD' dates), past ones included. */
  readonly lessons: readonly TimetableLesson[];
  /** Holidays of the class or the whole school, first and last day inclusive. */
  readonly holidays: readonly { readonly startsOn: string; readonly endsOn: string }[];
  /** Today in the school's zone; lessons after it are still ahead. */
  readonly today: string;
  readonly periodEndsOn: string;
}

export interface RemainingLessons {
  /** Lessons left per subject; a subject missing from the map has none. */
  readonly bySubject: ReadonlyMap<string, number>;
  /** True when the timetable stops before the period's end and the rest was estimated. */
  readonly estimated: boolean;
}

const DAY_MS = 86_400_000;
const dayMs = (date: string) => Date.parse(`${date}T00:00:00Z`);
/** 0 = Sunday … 6 = Saturday, of a UTC-midnight timestamp. */
const weekday = (ms: number) => new Date(ms).getUTCDay();

/** Null when no lesson of the class is loaded for the period: then nobody can tell. */
export function estimateRemainingLessons(input: RemainingLessonsInput): RemainingLessons | null {
  if (input.lessons.length === 0) return null;
  const todayMs = dayMs(input.today);
  const endMs = dayMs(input.periodEndsOn);
  const exact = new Map<string, number>();
  // Per weekday: the school days the class had, and each subject's lessons on them.
  const schoolDays = new Map<number, Set<number>>();
  const perWeekday = new Map<string, number[]>();
  let lastLoadedMs = Number.NEGATIVE_INFINITY;
  for (const lesson of input.lessons) {
    const ms = dayMs(lesson.date);
    if (Number.isNaN(ms)) continue;
    if (ms > lastLoadedMs) lastLoadedMs = ms;
    const wd = weekday(ms);
    let days = schoolDays.get(wd);
    if (!days) schoolDays.set(wd, (days = new Set()));
    days.add(ms);
    if (lesson.cancelled) continue;
    let counts = perWeekday.get(lesson.subjectId);
    if (!counts) perWeekday.set(lesson.subjectId, (counts = [0, 0, 0, 0, 0, 0, 0]));
    counts[wd]! += 1;
    if (ms > todayMs && ms <= endMs) exact.set(lesson.subjectId, (exact.get(lesson.subjectId) ?? 0) + 1);
  }
  if (lastLoadedMs >= endMs) return { bySubject: exact, estimated: false };

  // The days after both today and the last loaded day, up to the end, that are not holidays.
  const ahead = [0, 0, 0, 0, 0, 0, 0];
  const holidays = input.holidays.map((h) => [dayMs(h.startsOn), dayMs(h.endsOn)] as const);
  for (let ms = Math.max(todayMs, lastLoadedMs) + DAY_MS; ms <= endMs; ms += DAY_MS) {
    if (!holidays.some(([from, to]) => ms >= from && ms <= to)) ahead[weekday(ms)]! += 1;
  }
  const bySubject = new Map<string, number>();
  for (const [subjectId, counts] of perWeekday) {
    let expected = 0;
    for (let wd = 0; wd < 7; wd++) {
      const days = schoolDays.get(wd)?.size ?? 0;
      if (days > 0) expected += (counts[wd]! / days) * ahead[wd]!;
    }
    const total = (exact.get(subjectId) ?? 0) + Math.round(expected);
    if (total > 0) bySubject.set(subjectId, total);
  }
  return { bySubject, estimated: true };
}
