// Turns a channel-agnostic outbox payload into titled sections of plain lines, all
// from the i18n texts; the Telegram, email and paper renderers only format them.
import { translator, type Translate } from '../../../i18n/index.js';
import type { DomainEventPayloads } from '../../events/event-types.js';
import { FORECAST_NOTE_KEY } from '../../forecast/index.js';
import { renderAnnouncement, type AnnouncementRenderOptions } from './render-announcement.js';
import { renderDigest } from './render-digest.js';
import { showDate } from './show-date.js';
import {
  isAnnouncementPayload,
  isDigestPayload,
  isTeacherSummaryPayload,
  type EventMessagePayload,
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
  /** Under the title: the dates a digest covers. */
  subtitle?: string;
  /** The school that sends it, for the email's header and the paper's letterhead. */
  school?: string;
  sections: Section[];
  /** Closing remark: the forecast disclaimer wherever a forecast is shown. */
  note?: string;
  /** A link after the sections (an announcement's attachment in a chat). */
  link?: { text: string; href: string };
}

/** Kept here too: paper and older callers import it from the message model. */
export { showDate } from './show-date.js';

export type RenderOptions = AnnouncementRenderOptions;

export function renderContent(kind: string, payload: OutboxPayload, options: RenderOptions = {}): RenderedContent {
  const t = translator(payload.lang);
  if (isAnnouncementPayload(payload)) return renderAnnouncement(t, payload, options);
  if (isDigestPayload(payload)) return renderDigest(t, payload.digest, payload.lang);
  if (isTeacherSummaryPayload(payload)) return teacherSummary(t, payload);
  const event = payload as EventMessagePayload;
  return {
    subject: t(`notifications:subject.${kind}`, { student: event.studentName }),
    title: event.studentName,
    ...(event.schoolName ? { school: event.schoolName } : {}),
    sections: [{ lines: kind === 'absence' ? absenceAlertLines(t, event) : eventLines(t, event) }],
    ...(event.eventType === 'forecast_risk' ? { note: t(FORECAST_NOTE_KEY) } : {}),
  };
}

function absenceAlertLines(t: Translate, event: EventMessagePayload): string[] {
  const p = event.data as DomainEventPayloads['mark_created'];
  const line = t('notifications:event.absence', { subject: p.subjectName, date: showDate(p.date, event.lang) });
  return p.comment ? [line, p.comment] : [line];
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
