// A digest as titled sections of lines: the title, then the dates it covers, then each
// child's news. Every channel (chats, email, paper) reads the same sections.
import type { Translate } from '../../../i18n/index.js';
import { formatNumber } from '../../../lib/format-number.js';
import { FORECAST_NOTE_KEY } from '../../forecast/index.js';
import type { AbsenceCount } from '../../notifications/count-absences.js';
import type { DigestChild, DigestContent, DigestSubjectSummary } from '../../notifications/compose-digest.js';
import type { Lang } from '../../notifications/types.js';
import { showDate, showShortDate } from './show-date.js';
import type { RenderedContent, Section } from './render-content.js';

const DAY_MS = 86_400_000;

export function renderDigest(t: Translate, digest: DigestContent, lang: Lang): RenderedContent {
  const days = digest.since ? Math.round((Date.parse(digest.until) - Date.parse(digest.since)) / DAY_MS) : null;
  const sections = digest.children.flatMap((child) => digestChild(t, child, digest.empty, lang, days));
  const forecastShown = !digest.empty && digest.children.some((c) => c.subjects.some((s) => s.forecast !== null));
  return {
    subject: digest.schoolName ? t('notifications:subject.digestOf', { school: digest.schoolName }) : t('notifications:subject.digest'),
    title: t('notifications:digest.heading'),
    subtitle: digest.since ? t('notifications:digest.period', { since: showDate(digest.since, lang), until: showDate(digest.until, lang) }) : undefined,
    ...(digest.schoolName ? { school: digest.schoolName } : {}),
    sections,
    ...(forecastShown ? { note: t(FORECAST_NOTE_KEY) } : {}),
  };
}

/** "Absences this week" for a weekly digest, "today" for a daily one, and so on. */
function absencesHeading(t: Translate, days: number | null): string {
  if (days !== null && days <= 1) return t('notifications:digest.absencesDay');
  if (days !== null && days <= 7) return t('notifications:digest.absencesWeek');
  if (days !== null && days <= 14) return t('notifications:digest.absencesTwoWeeks');
  return t('notifications:digest.absences');
}

export function absenceLine(t: Translate, a: AbsenceCount, lang: Lang): string {
  return t('notifications:digest.absenceLine', { subject: a.subject, lessons: t('notifications:digest.lessons', { count: a.dates.length }), dates: a.dates.map((d) => showShortDate(d, lang)).join(', ') });
}

function subjectLine(t: Translate, s: DigestSubjectSummary, lang: Lang): string {
  const parts: string[] = [];
  if (s.forecast === null) parts.push(t('notifications:digest.subjectInsufficient', { subject: s.subject }));
  else if (s.average === null) parts.push(t('notifications:digest.subjectPassFail', { subject: s.subject, forecast: t(`notifications:digest.${s.forecast}`) }));
  else parts.push(t('notifications:digest.subjectLine', { subject: s.subject, average: formatNumber(lang, s.average), forecast: s.forecast }));
  if (s.forecast !== null && s.previousForecast) {
    const up = s.average !== null ? Number(s.forecast) > Number(s.previousForecast) : s.forecast === 'pass';
    const previous = s.average !== null ? s.previousForecast : t(`notifications:digest.${s.previousForecast}`);
    parts.push(t(up ? 'notifications:digest.forecastUp' : 'notifications:digest.forecastDown', { previous }));
  }
  let line = parts.join(' ');
  if (s.absences) line += t('notifications:digest.subjectAbsences', { count: s.absences });
  if (s.risk) line += ` ${t('notifications:digest.risk')}`;
  return line;
}

function digestChild(t: Translate, c: DigestChild, empty: boolean, lang: Lang, days: number | null): Section[] {
  const d = (s: string) => showDate(s, lang);
  if (empty) return [{ lines: [t('notifications:digest.nothingNew', { student: c.studentName })] }];
  const sections: Section[] = [{ heading: t('notifications:digest.child', { student: c.studentName, className: c.className }), lines: [] }];
  const add = (heading: string, lines: string[]) => {
    if (lines.length) sections.push({ heading, lines });
  };
  const h = (key: string) => t(`notifications:digest.${key}`);
  const markKey = { new: 'markNew', changed: 'markChanged', deleted: 'markDeleted' } as const;
  add(h('marks'), c.marks.map((m) => t(`notifications:digest.${markKey[m.status]}`, { date: d(m.date), subject: m.subject, value: m.value })));
  // Older payloads listed absences one by one ({ subject, date }); they still render.
  const absences = (c.absences as Array<AbsenceCount | { subject: string; date: string }>).map((a) => ('dates' in a ? a : { subject: a.subject, dates: [a.date] }));
  const absenceLines = absences.map((a) => absenceLine(t, a, lang));
  if (absenceLines.length && c.periodAbsences) absenceLines.push(t('notifications:digest.periodAbsences', { lessons: t('notifications:digest.lessons', { count: c.periodAbsences }) }));
  add(absencesHeading(t, days), absenceLines);
  add(h('subjects'), c.subjects.map((s) => subjectLine(t, s, lang)));
  add(h('tests'), c.tests.map((x) => t('notifications:digest.testLine', { date: d(x.date), subject: x.subject, topic: x.topic ? ` — ${x.topic}` : '' })));
  add(h('homework'), c.homework.map((x) => t('notifications:digest.homeworkLine', { dueOn: d(x.dueOn), subject: x.subject, text: x.text })));
  add(
    h('timetable'),
    c.timetable.map((x) => t(`notifications:event.timetable_${x.change}`, { subject: x.subject, date: d(x.date), number: x.number, teacher: '', newDate: '', newNumber: '' })),
  );
  add(h('holidays'), (c.holidays ?? []).map((x) => t('notifications:digest.holidayLine', { name: x.name, from: d(x.startsOn), to: d(x.endsOn) })));
  add(h('notes'), c.notes.map((n) => t('notifications:digest.noteLine', { date: d(n.date), teacher: n.teacher ? ` (${n.teacher})` : '', text: n.text })));
  return sections;
}
