import type { Lang, Translate } from '../../i18n/index.js';
import type { AckItem, AckReport, ChannelState } from './class-ack-report.js';
import { formatDate, formatInstant } from './format.js';
import type { ReportTable } from './table.js';

export function describeChannels(channels: ChannelState[], t: Translate): string {
  if (channels.length === 0) return t('staff:acks.noChannel');
  return channels
    .map((c) => {
      const state = c.works ? t('staff:acks.works') : t('staff:acks.notWorking');
      const reason = c.reason ? ` (${t(`staff:acks.reason.${c.reason}`, { defaultValue: c.reason })})` : '';
      const preferred = c.preferred ? ` ${t('staff:acks.preferred')}` : '';
      return `${t(`staff:channel.${c.type}`)}${preferred}: ${state}${reason}`;
    })
    .join(', ');
}

export function describeAck(item: AckItem | null, t: Translate, tz: string, lang: Lang): string {
  if (!item) return t('staff:acks.none');
  if (!item.at) {
    return item.acknowledgedAt ? t('staff:acks.notSentAcknowledgedAt', { at: formatInstant(item.acknowledgedAt, tz, lang) }) : t('staff:acks.notSent');
  }
  const sent = formatInstant(item.at, tz, lang);
  return item.acknowledgedAt
    ? t('staff:acks.acknowledgedAt', { sent, at: formatInstant(item.acknowledgedAt, tz, lang) })
    : t('staff:acks.notAcknowledged', { sent });
}

/** The acknowledgment report as table cells, for CSV and PDF. */
export function ackReportTable(report: AckReport, t: Translate, lang: Lang): ReportTable {
  const tz = report.school.timezone;
  const period = report.period;
  return {
    title: t('staff:acks.exportTitle', { className: report.schoolClass.name }),
    subtitle: period ? t('staff:acks.periodLine', { name: period.name, from: formatDate(period.startsOn, lang), to: formatDate(period.endsOn, lang) }) : report.school.name,
    columns: [t('staff:col.student'), t('staff:col.guardian'), t('staff:col.channels'), t('staff:col.viewDays7d'), t('staff:col.digest'), t('staff:col.finalMarks'), t('staff:col.weeksMet')],
    widths: [2.6, 2.8, 3, 1.6, 3, 3, 1.8],
    rows: report.rows.map((r) => [
      r.studentName,
      r.guardianName ?? (r.guardianId ? t('staff:acks.unnamed') : t('staff:acks.noGuardian')),
      describeChannels(r.channels, t),
      String(r.viewDays7d),
      describeAck(r.digest, t, tz, lang),
      r.finalMarks ? `${r.finalMarks.periodName}: ${describeAck(r.finalMarks, t, tz, lang)}` : t('staff:acks.none'),
      period ? `${r.weeksMet} / ${period.weeks}` : '',
    ]),
  };
}
