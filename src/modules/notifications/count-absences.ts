// Absences («н») by subject: what the digest's "absences this week" section, the paper
// statement's absences line and the bot's /marks show. «н» is not a mark (docs/forecast.md),
// so it is counted here instead of being listed among the marks.
export const ABSENCE = 'н';

/** Tolerates a missing value: events written by hand or by older code may carry none. */
export function isAbsence(value: string | null | undefined): boolean {
  return typeof value === 'string' && value.trim().toLowerCase() === ABSENCE;
}

export interface AbsenceCount {
  subject: string;
  /** Lesson dates, 'YYYY-MM-DD', oldest first. */
  dates: string[];
}

/** Absences among `marks` (deleted ones skipped) by subject, subjects in alphabetical order. */
export function countAbsences(marks: Iterable<{ subject: string; date: string; value: string; deleted?: boolean }>): AbsenceCount[] {
  const bySubject = new Map<string, string[]>();
  for (const m of marks) {
    if (m.deleted || !isAbsence(m.value)) continue;
    const list = bySubject.get(m.subject);
    if (list) list.push(m.date);
    else bySubject.set(m.subject, [m.date]);
  }
  return [...bySubject]
    .map(([subject, dates]) => ({ subject, dates: [...new Set(dates)].sort() }))
    .sort((a, b) => a.subject.localeCompare(b.subject, 'ru'));
}
