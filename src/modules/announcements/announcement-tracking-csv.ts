// The tracking page as a spreadsheet: one row per family, through the one CSV writer.
import type { Lang, Translate } from '../../i18n/index.js';
import { formatInstant } from '../reports/format.js';
import { toCsv } from '../reports/to-csv.js';
import type { ReportTable } from '../reports/table.js';
import type { AnnouncementTracking } from './types.js';

export function announcementTrackingTable(tracking: AnnouncementTracking, t: Translate, lang: Lang): ReportTable {
  const at = (d: Date | null) => formatInstant(d, tracking.timezone, lang);
  const channel = (c: string | null) => (c ? t(`announcements:channel.${c}`) : '');
  return {
    title: t('announcements:csv.title'),
    columns: ['guardian', 'students', 'classes', 'channel', 'status', 'deliveredAt', 'readAt', 'acknowledgedAt', 'acknowledgedOn', 'remindedAt'].map((c) => t(`announcements:csv.${c}`)),
    rows: tracking.families.map((f) => [
      f.guardianName,
      f.studentNames.join(', '),
      f.classNames.join(', '),
      channel(f.channel),
      t(`announcements:deliveryStatus.${f.status}`),
      at(f.deliveredAt),
      at(f.readAt),
      at(f.acknowledgedAt),
      channel(f.acknowledgedOn),
      at(f.remindedAt),
    ]),
  };
}

/** UTF-8 with BOM, the separator of the language (see to-csv.ts). */
export function announcementTrackingCsv(tracking: AnnouncementTracking, t: Translate, lang: Lang = 'ru'): Buffer {
  return toCsv(announcementTrackingTable(tracking, t, lang), lang);
}
