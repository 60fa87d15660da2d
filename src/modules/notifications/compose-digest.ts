// Composes one guardian's digest from already-loaded rows. Pure and allocation-light:
// it runs for every guardian of a school on digest day.
import { forecastSubjectWith, type ForecastContext, type SubjectForecast } from '../forecast/index.js';
import { countAbsences, isAbsence, type AbsenceCount } from './count-absences.js';
import { digestWindow } from './digest-window.js';

export interface DigestMarkRow {
  subjectId: string;
  value: string;
  weight: number;
  kind: string | null;
  /** Calendar date at UTC midnight (one shared Date per day: the forecast counts days from it). */
  date: Date;
  /** The same day as 'YYYY-MM-DD'. */
  day: string;
  deleted: boolean;
  /** Instants as epoch milliseconds: a digest run reads ~40 marks per child, and Dates cost. */
  createdMs: number;
  updatedMs: number;
  deletedMs: number | null;
}

export interface DigestChildInput {
  studentId: string;
  studentName: string;
  className: string;
  /** The school's name, shown at the top of the digest. */
  schoolName?: string;
  /** First day of the current period ('YYYY-MM-DD'): a first digest never reaches before it. */
  periodStartsOn?: string | null;
  /** The current period's marks, deleted ones included. */
  marks: readonly DigestMarkRow[];
  subjectNames: ReadonlyMap<string, string>;
  tests: readonly { subject: string; date: string; topic: string | null }[];
  homework: readonly { subject: string; dueOn: string; text: string }[];
  timetable: readonly { subject: string; date: string; number: number; change: string; note: string | null }[];
  notes: readonly { teacher: string | null; date: string; text: string }[];
  holidays?: readonly { name: string; startsOn: string; endsOn: string }[];
}

export interface DigestMarkItem {
  subject: string;
  date: string;
  value: string;
  status: 'new' | 'changed' | 'deleted';
}

export interface DigestSubjectSummary {
  subject: string;
  average: number | null;
  forecast: string | null;
  /** The forecast when the previous digest was sent, when it differs from today's. */
  previousForecast?: string | null;
  risk: string | null;
  marksCount: number;
  /** Absences in this subject over the period so far. */
  absences?: number;
}

export interface DigestChild {
  studentName: string;
  className: string;
  marks: DigestMarkItem[];
  /** Absences in the digest's window, by subject. */
  absences: AbsenceCount[];
  /** Absences over the period so far, all subjects. */
  periodAbsences?: number;
  subjects: DigestSubjectSummary[];
  tests: DigestChildInput['tests'];
  homework: DigestChildInput['homework'];
  timetable: DigestChildInput['timetable'];
  notes: DigestChildInput['notes'];
  holidays: NonNullable<DigestChildInput['holidays']>;
}

export interface DigestContent {
  /** Start of the window reported on: the previous digest, or for a first one see digest-window. */
  since: string | null;
  until: string;
  schoolName?: string;
  /** True when nothing is new: the renderer prints the one-line form. */
  empty: boolean;
  children: DigestChild[];
}

export interface ComposeDigestInput {
  since: Date | null;
  until: Date;
  children: readonly DigestChildInput[];
  /** School.sendEmptyDigest: when false, a digest with nothing new is not sent. */
  sendEmpty: boolean;
}

const ISO_DAY = 10;

export function composeDigest(input: ComposeDigestInput, forecast: ForecastContext): DigestContent | undefined {
  const first = input.children[0];
  const since = digestWindow(input.since, input.until, first?.periodStartsOn ?? null);
  const sinceMs = since.getTime();
  const sinceDay = since.toISOString().slice(0, ISO_DAY);
  let anythingNew = false;
  const children: DigestChild[] = [];
  for (const child of input.children) {
    const marks: DigestMarkItem[] = [];
    const absent: { subject: string; date: string; value: string }[] = [];
    const periodAbsent: { subject: string; date: string; value: string; deleted: boolean }[] = [];
    const bySubject = new Map<string, DigestMarkRow[]>();
    for (const mark of child.marks) {
      const subject = child.subjectNames.get(mark.subjectId) ?? '';
      const date = mark.day;
      if (!mark.deleted) {
        let list = bySubject.get(mark.subjectId);
        if (!list) bySubject.set(mark.subjectId, (list = []));
        list.push(mark);
      }
      if (isAbsence(mark.value)) {
        periodAbsent.push({ subject, date, value: mark.value, deleted: mark.deleted });
        // Absences of lessons in the window, and those entered late since the last digest.
        if (!mark.deleted && (date >= sinceDay || (input.since && mark.createdMs > sinceMs))) absent.push({ subject, date, value: mark.value });
        continue;
      }
      // A first digest tells of the window's lessons only, however recently the journal sent them.
      if (!input.since && date < sinceDay) continue;
      const status = markStatus(mark, sinceMs);
      if (status) marks.push({ subject, date, value: mark.value, status });
    }
    const periodCounts = new Map(countAbsences(periodAbsent).map((a) => [a.subject, a.dates.length]));
    const subjects: DigestSubjectSummary[] = [];
    for (const [subjectId, list] of bySubject) {
      const name = child.subjectNames.get(subjectId) ?? '';
      const previous = input.since ? forecastAsOf(forecast, list, sinceMs) : null;
      const summary = summarize(name, forecastSubjectWith(forecast, { marks: list, previousForecast: numericOrNull(previous) }));
      if (previous !== null && summary.forecast !== null && previous !== summary.forecast) summary.previousForecast = previous;
      summary.absences = periodCounts.get(name) ?? 0;
      subjects.push(summary);
    }
    subjects.sort((a, b) => a.subject.localeCompare(b.subject));
    marks.sort((a, b) => (a.date === b.date ? a.subject.localeCompare(b.subject) : a.date < b.date ? -1 : 1));
    const absences = countAbsences(absent);
    if (marks.length || absences.length || child.tests.length || child.homework.length || child.timetable.length || child.notes.length) {
      anythingNew = true;
    }
    children.push({
      studentName: child.studentName,
      className: child.className,
      marks,
      absences,
      periodAbsences: [...periodCounts.values()].reduce((sum, n) => sum + n, 0),
      subjects,
      tests: child.tests,
      homework: child.homework,
      timetable: child.timetable,
      notes: child.notes,
      holidays: child.holidays ?? [],
    });
  }
  if (!anythingNew && !input.sendEmpty) return undefined;
  return { since: since.toISOString(), until: input.until.toISOString(), ...(first?.schoolName ? { schoolName: first.schoolName } : {}), empty: !anythingNew, children };
}

/** The forecast as the previous digest saw it: the marks that existed then. */
function forecastAsOf(context: ForecastContext, marks: readonly DigestMarkRow[], atMs: number): string | null {
  const then = marks.filter((m) => m.createdMs <= atMs);
  const f = forecastSubjectWith(context, { marks: then });
  return f.kind === 'insufficient' ? null : String(f.forecast);
}

function numericOrNull(value: string | null): number | null {
  return value !== null && /^[1-5]$/.test(value) ? Number(value) : null;
}

function markStatus(mark: DigestMarkRow, sinceMs: number): DigestMarkItem['status'] | undefined {
  const created = mark.createdMs > sinceMs;
  if (mark.deleted) {
    // A mark added and removed between two digests was never news.
    return !created && (mark.deletedMs ?? 0) > sinceMs ? 'deleted' : undefined;
  }
  if (created) return 'new';
  return mark.updatedMs > sinceMs ? 'changed' : undefined;
}

function summarize(subject: string, f: SubjectForecast): DigestSubjectSummary {
  if (f.kind === 'numeric') {
    return { subject, average: f.averageShown, forecast: String(f.forecast), risk: f.risk, marksCount: f.marksCount };
  }
  if (f.kind === 'pass_fail') return { subject, average: null, forecast: f.forecast, risk: f.risk, marksCount: f.marksCount };
  return { subject, average: null, forecast: null, risk: null, marksCount: f.marksCount };
}
