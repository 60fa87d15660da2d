// Turns a channel-agnostic outbox payload into titled sections of plain lines, all
// from the i18n texts; the Telegram, email and paper renderers only format them.
import { translator, type Translate } from '../../../i18n/index.js';
import type { DomainEventPayloads } from '../../events/event-types.js';
import type { DigestChild } from '../../notifications/compose-digest.js';
import {
  isDigestPayload,
  isTeacherSummaryPayload,
  type EventMessagePayload,
  type Lang,
  type OutboxPayload,
  type TeacherSummaryPayload,
} from '../../notifications/types.js';

export interface Section {
  heading?: string;
  lines: string[];
}

export interface RenderedContent {
  subject: string;
  title: string;
  sections: Section[];
}

// Calendar dates carry no zone: formatted in UTC so the day never shifts.
const englishDate = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' });

/** A calendar date as people write it: 29.09.2026 in Russian, 29 Sept 2026 in English (en-GB). */
export function showDate(date: string | null | undefined, lang: Lang): string {
  if (!date) return '';
  const day = date.slice(0, 10);
  if (lang !== 'ru') return englishDate.format(new Date(`${day}T00:00:00Z`));
  const [y, m, d] = day.split('-');
  return `${d}.${m}.${y}`;
}

export function renderContent(kind: string, payload: OutboxPayload): RenderedContent {
  const t = translator(payload.lang);
  if (isDigestPayload(payload)) {
    const sections = payload.digest.children.flatMap((child) => digestChild(t, child, payload.digest.empty, payload.lang));
    const period = payload.digest.since
      ? t('notifications:digest.period', { since: showDate(payload.digest.since, payload.lang), until: showDate(payload.digest.until, payload.lang) })
      : '';
    return { subject: t('notifications:subject.digest'), title: period, sections };
  }
  if (isTeacherSummaryPayload(payload)) return teacherSummary(t, payload);
  const event = payload as EventMessagePayload;
  return {
    subject: t(`notifications:subject.${kind}`, { student: event.studentName }),
    title: event.studentName,
    sections: [{ lines: eventLines(t, event) }],
  };
}

function eventLines(t: Translate, event: EventMessagePayload): string[] {
  const d = (s: string | null | undefined) => showDate(s, event.lang);
  switch (event.eventType) {
    case 'mark_created':
    case 'mark_changed':
    case 'mark_deleted': {
      const p = event.data as DomainEventPayloads['mark_created'];
      const line = t(`notifications:event.${event.eventType}`, { subject: p.subjectName, date: d(p.date), value: p.value, previous: p.previousValue ?? '' });
      return p.comment ? [line, p.comment] : [line];
    }
    case 'final_mark_published':
    case 'final_mark_deferred': {
      const p = event.data as DomainEventPayloads['final_mark_published'];
      const line = t(`notifications:event.${event.eventType}`, { subject: p.subjectName, period: p.periodName, value: p.value ?? '', until: d(p.deferredUntil) });
      const lines = [line];
      if (p.reason) lines.push(t('notifications:event.deferred_reason', { reason: p.reason }));
      return [...lines, t('notifications:event.ack_request')];
    }
    case 'exam_result': {
      const p = event.data as DomainEventPayloads['exam_result'];
      const score = p.score !== null && p.maxScore !== null ? t('notifications:event.exam_score', { score: p.score, maxScore: p.maxScore }) : null;
      const result = [p.mark, score].filter(Boolean).join(', ');
      return [t('notifications:event.exam_result', { name: p.name, date: d(p.date), result }), t('notifications:event.ack_request')];
    }
    case 'recommendation_created': {
      const p = event.data as DomainEventPayloads['recommendation_created'];
      return [t('notifications:event.recommendation_created', { teacher: p.teacherName ? ` (${p.teacherName})` : '', date: d(p.date), text: p.text })];
    }
    case 'forecast_risk': {
      const p = event.data as DomainEventPayloads['forecast_risk'];
      const key = p.forecast === 'fail' ? 'forecast_risk_failing_pass_fail' : `forecast_risk_${p.risk}`;
      return [t(`notifications:event.${key}`, { subject: p.subjectName, forecast: p.forecast, previous: p.previousForecast ?? '' })];
    }
    case 'timetable_changed': {
      const p = event.data as DomainEventPayloads['timetable_changed'];
      return [
        t(`notifications:event.timetable_${p.change}`, {
          subject: p.subjectName,
          date: d(p.date),
          number: p.number,
          teacher: p.teacherName ? ` (${p.teacherName})` : '',
          newDate: d(p.newDate),
          newNumber: p.newNumber ?? '',
        }),
        ...(p.note ? [p.note] : []),
      ];
    }
    default:
      return [];
  }
}

function digestChild(t: Translate, c: DigestChild, empty: boolean, lang: Lang): Section[] {
  const d = (s: string) => showDate(s, lang);
  if (empty) return [{ lines: [t('notifications:digest.nothingNew', { student: c.studentName })] }];
  const sections: Section[] = [{ heading: t('notifications:digest.title', { student: c.studentName, className: c.className }), lines: [] }];
  const add = (heading: string, lines: string[]) => {
    if (lines.length) sections.push({ heading: t(`notifications:digest.${heading}`), lines });
  };
  const markKey = { new: 'markNew', changed: 'markChanged', deleted: 'markDeleted' } as const;
  add('marks', c.marks.map((m) => t(`notifications:digest.${markKey[m.status]}`, { date: d(m.date), subject: m.subject, value: m.value })));
  add('absences', c.absences.map((a) => t('notifications:digest.absenceLine', { date: d(a.date), subject: a.subject })));
  add(
    'subjects',
    c.subjects.map((s) => {
      const risk = s.risk ? ` ${t('notifications:digest.risk')}` : '';
      if (s.forecast === null) return t('notifications:digest.subjectInsufficient', { subject: s.subject });
      if (s.average === null) return t('notifications:digest.subjectPassFail', { subject: s.subject, forecast: t(`notifications:digest.${s.forecast}`) }) + risk;
      return t('notifications:digest.subjectLine', { subject: s.subject, average: s.average.toFixed(2), forecast: s.forecast }) + risk;
    }),
  );
  add('tests', c.tests.map((x) => t('notifications:digest.testLine', { date: d(x.date), subject: x.subject, topic: x.topic ? ` — ${x.topic}` : '' })));
  add('homework', c.homework.map((h) => t('notifications:digest.homeworkLine', { dueOn: d(h.dueOn), subject: h.subject, text: h.text })));
  add(
    'timetable',
    c.timetable.map((x) =>
      t(`notifications:event.timetable_${x.change}`, { subject: x.subject, date: d(x.date), number: x.number, teacher: '', newDate: '', newNumber: '' }),
    ),
  );
  add('holidays', (c.holidays ?? []).map((h) => t('notifications:digest.holidayLine', { name: h.name, from: d(h.startsOn), to: d(h.endsOn) })));
  add('notes', c.notes.map((n) => t('notifications:digest.noteLine', { date: d(n.date), teacher: n.teacher ? ` (${n.teacher})` : '', text: n.text })));
  return sections;
}

function teacherSummary(t: Translate, p: TeacherSummaryPayload): RenderedContent {
  const acks = p.acknowledgments.map((a) => t('notifications:teacherSummary.ackLine', { guardian: a.guardianName, student: a.studentName, subject: a.subject, at: a.at }));
  const inactive = p.inactive.map((a) => t('notifications:teacherSummary.inactiveLine', { guardian: a.guardianName, student: a.studentName, views: a.views }));
  const risks = (p.risks ?? []).map((r) =>
    t(`notifications:teacherSummary.${r.forecast === 'fail' ? 'riskFailingPassFail' : r.risk === 'failing' ? 'riskFailing' : 'riskDropped'}`, {
      student: r.studentName,
      subject: r.subject,
      forecast: r.forecast,
      previous: r.previous ?? '',
    }),
  );
  return {
    subject: t('notifications:subject.teacher_summary', { date: showDate(p.date, p.lang), className: p.className }),
    title: t('notifications:teacherSummary.title', { date: showDate(p.date, p.lang), className: p.className }),
    sections: [
      { heading: t('notifications:teacherSummary.acknowledged'), lines: acks.length ? acks : [t('notifications:teacherSummary.noneAcknowledged')] },
      { heading: t('notifications:teacherSummary.inactive'), lines: inactive.length ? inactive : [t('notifications:teacherSummary.noneInactive')] },
      ...(p.risks ? [{ heading: t('notifications:teacherSummary.risks'), lines: risks.length ? risks : [t('notifications:teacherSummary.noneRisks')] }] : []),
    ],
  };
}
