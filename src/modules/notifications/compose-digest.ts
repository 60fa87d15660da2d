// Composes one guardian's digest from already-loaded rows. Pure and allocation-light:
// it runs for every guardian of a school on digest day.
import { forecastSubjectWith, type ForecastContext, type SubjectForecast } from '../forecast/index.js';

export interface DigestMarkRow {
  subjectId: string;
  value: string;
  weight: number;
  kind: string | null;
  /** Calendar date at UTC midnight. */
  date: Date;
  deleted: boolean;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
}

export interface DigestChildInput {
  studentId: string;
  studentName: string;
  className: string;
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
  risk: string | null;
  marksCount: number;
}

export interface DigestChild {
  studentName: string;
  className: string;
  marks: DigestMarkItem[];
  absences: { subject: string; date: string }[];
  subjects: DigestSubjectSummary[];
  tests: DigestChildInput['tests'];
  homework: DigestChildInput['homework'];
  timetable: DigestChildInput['timetable'];
  notes: DigestChildInput['notes'];
  holidays: NonNullable<DigestChildInput['holidays']>;
}

export interface DigestContent {
  since: string | null;
  until: string;
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
  const sinceMs = input.since?.getTime() ?? -Infinity;
  let anythingNew = false;
  const children: DigestChild[] = [];
  for (const child of input.children) {
    const marks: DigestMarkItem[] = [];
    const absences: { subject: string; date: string }[] = [];
    const bySubject = new Map<string, DigestMarkRow[]>();
    for (const mark of child.marks) {
      const subject = child.subjectNames.get(mark.subjectId) ?? '';
      if (!mark.deleted) {
        let list = bySubject.get(mark.subjectId);
        if (!list) bySubject.set(mark.subjectId, (list = []));
        list.push(mark);
      }
      const status = markStatus(mark, sinceMs);
      if (!status) continue;
      const date = mark.date.toISOString().slice(0, ISO_DAY);
      if (mark.value === 'н' && status === 'new') absences.push({ subject, date });
      else marks.push({ subject, date, value: mark.value, status });
    }
    const subjects: DigestSubjectSummary[] = [];
    for (const [subjectId, list] of bySubject) {
      subjects.push(summarize(child.subjectNames.get(subjectId) ?? '', forecastSubjectWith(forecast, { marks: list })));
    }
    subjects.sort((a, b) => a.subject.localeCompare(b.subject));
    marks.sort((a, b) => (a.date === b.date ? a.subject.localeCompare(b.subject) : a.date < b.date ? -1 : 1));
    if (marks.length || absences.length || child.tests.length || child.homework.length || child.timetable.length || child.notes.length) {
      anythingNew = true;
    }
    children.push({
      studentName: child.studentName,
      className: child.className,
      marks,
      absences,
      subjects,
      tests: child.tests,
      homework: child.homework,
      timetable: child.timetable,
      notes: child.notes,
      holidays: child.holidays ?? [],
    });
  }
  if (!anythingNew && !input.sendEmpty) return undefined;
  return { since: input.since?.toISOString() ?? null, until: input.until.toISOString(), empty: !anythingNew, children };
}

function markStatus(mark: DigestMarkRow, sinceMs: number): DigestMarkItem['status'] | undefined {
  const created = mark.createdAt.getTime() > sinceMs;
  if (mark.deleted) {
    // A mark added and removed between two digests was never news.
    return !created && (mark.deletedAt?.getTime() ?? 0) > sinceMs ? 'deleted' : undefined;
  }
  if (created) return 'new';
  return mark.updatedAt.getTime() > sinceMs ? 'changed' : undefined;
}

function summarize(subject: string, f: SubjectForecast): DigestSubjectSummary {
  if (f.kind === 'numeric') {
    return { subject, average: f.averageShown, forecast: String(f.forecast), risk: f.risk, marksCount: f.marksCount };
  }
  if (f.kind === 'pass_fail') return { subject, average: null, forecast: f.forecast, risk: f.risk, marksCount: f.marksCount };
  return { subject, average: null, forecast: null, risk: null, marksCount: f.marksCount };
}
