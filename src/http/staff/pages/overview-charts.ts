// The overview's charts: the domain's figures turned into chart inputs in the reader's language.
import type { Lang, Translate } from '../../../i18n/index.js';
import { DELIVERY_STATUSES, type DeliveryHistory } from '../../../modules/overview/load-delivery-history.js';
import type { ClassCompliance, WeeklyCompliance } from '../../../modules/overview/load-weekly-compliance.js';
import { formatDate } from '../../../modules/reports/format.js';
import { addDays } from '../../../lib/zoned-time.js';
import { renderBarChart } from '../charts/render-bar-chart.js';
import { renderStackedBars, type StackedSeries } from '../charts/render-stacked-bars.js';
import { html, type SafeHtml } from '../html.js';

/** One look per channel in every chart, in the order the planner tries them. */
const CHANNEL_ORDER = ['max', 'telegram', 'webpush', 'email', 'paper'];
/** Palette entries per channel; red hatching is kept for failures in the state chart. */
const CHANNEL_STYLE: Record<string, number> = { max: 0, telegram: 5, webpush: 4, email: 3, paper: 2 };

const percent = (met: number, of: number) => (of > 0 ? Math.round((met / of) * 100) : 0);
const shortDay = (iso: string) => `${Number(iso.slice(8, 10))}.${iso.slice(5, 7)}`;

export function complianceChart(t: Translate, lang: Lang, compliance: WeeklyCompliance, c: ClassCompliance): SafeHtml {
  const { weeks, currentWeek, period } = compliance;
  const shares = c.met.map((m) => percent(m, c.guardians));
  const current = currentWeek ? weeks.indexOf(currentWeek) : -1;
  const full = shares.filter((_, i) => i !== current);
  const pct = (v: number | undefined) => (v === undefined ? '—' : `${v}%`);
  const average = full.length > 0 ? Math.round(full.reduce((a, b) => a + b, 0) / full.length) : undefined;
  const summary =
    c.guardians === 0
      ? t('overview:chart.compliance.summaryEmpty', { className: c.className })
      : t('overview:chart.compliance.summary', { className: c.className, period: period?.name ?? '', last: pct(full.at(-1)), average: pct(average) });
  return renderBarChart({
    id: `compliance-${c.classId}`,
    title: t('overview:chart.compliance.title', { className: c.className }),
    summary,
    categories: weeks.map(shortDay),
    values: shares,
    max: 100,
    format: (v) => `${v}%`,
    axis: { x: t('overview:chart.compliance.axisX'), y: t('overview:chart.compliance.axisY') },
    highlight: current >= 0 ? { index: current, label: t('overview:chart.compliance.current'), regular: t('overview:chart.compliance.regular') } : undefined,
    legendLabel: t('overview:chart.compliance.legend'),
    table: {
      toggle: t('overview:chart.dataToggle'),
      head: [t('overview:chart.compliance.week'), t('overview:chart.compliance.met'), t('overview:chart.compliance.guardians'), t('overview:chart.compliance.share')],
      rows: weeks.map((w, i) => [
        `${formatDate(w, lang)} – ${formatDate(addDays(w, 6), lang)}${i === current ? ` (${t('overview:chart.compliance.current')})` : ''}`,
        c.met[i] ?? 0,
        c.guardians,
        `${shares[i] ?? 0}%`,
      ]),
    },
  });
}

/** Deliveries of the last 14 days twice: stacked by channel, and stacked by state. */
export function deliveryCharts(t: Translate, lang: Lang, history: DeliveryHistory): SafeHtml {
  const { days, counts } = history;
  const total = counts.reduce((a, c) => a + c.count, 0);
  if (total === 0) return html`<p class="empty">${t('overview:chart.delivery.empty')}</p>`;
  const from = formatDate(days[0], lang);
  const to = formatDate(days.at(-1), lang);
  const perDay = (match: (c: (typeof counts)[number]) => boolean) => days.map((d) => counts.filter((c) => c.day === d && match(c)).reduce((a, c) => a + c.count, 0));
  const channels = [...new Set(counts.map((c) => c.channel))].sort((a, b) => CHANNEL_ORDER.indexOf(a) - CHANNEL_ORDER.indexOf(b));
  const byChannel: StackedSeries[] = channels.map((ch) => ({ key: ch, label: t(`staff:channel.${ch}`), values: perDay((c) => c.channel === ch), style: CHANNEL_STYLE[ch] ?? 3 }));
  const byStatus: StackedSeries[] = DELIVERY_STATUSES.map((st, i) => ({ key: st, label: t(`overview:chart.status.${st}`), values: perDay((c) => c.status === st), style: i }));
  const sumOf = (s: StackedSeries | undefined) => s?.values.reduce((a, b) => a + b, 0) ?? 0;
  const top = [...byChannel].sort((a, b) => sumOf(b) - sumOf(a))[0];
  const status = (key: string) => sumOf(byStatus.find((s) => s.key === key));
  const axis = { x: t('overview:chart.delivery.axisX', { from, to }), y: t('overview:chart.delivery.axisY') };
  const table = (series: StackedSeries[]) => ({
    toggle: t('overview:chart.dataToggle'),
    head: [t('overview:chart.delivery.day'), ...series.map((s) => s.label), t('overview:chart.delivery.total')],
    rows: days.map((d, i) => [formatDate(d, lang), ...series.map((s) => s.values[i] ?? 0), series.reduce((a, s) => a + (s.values[i] ?? 0), 0)]),
  });
  const categories = days.map((d) => String(Number(d.slice(8, 10))));
  return html`<div class="chart-grid">
${renderStackedBars({
  id: 'deliveries-by-channel',
  title: t('overview:chart.delivery.byChannelTitle'),
  summary: t('overview:chart.delivery.byChannelSummary', { to, total, top: top?.label ?? '', topCount: sumOf(top) }),
  categories,
  series: byChannel,
  axis,
  legendLabel: t('overview:chart.delivery.legendChannels'),
  table: table(byChannel),
})}
${renderStackedBars({
  id: 'deliveries-by-status',
  title: t('overview:chart.delivery.byStatusTitle'),
  summary: t('overview:chart.delivery.byStatusSummary', { to, total, delivered: status('delivered'), failed: status('failed'), fellBack: status('fell_back'), waiting: status('waiting') }),
  categories,
  series: byStatus,
  axis,
  legendLabel: t('overview:chart.delivery.legendStatuses'),
  table: table(byStatus),
})}
</div>`;
}
