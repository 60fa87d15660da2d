// /staff/admin: where an admin lands. Figure cards first, each with a link to the page that
// has the details; then the class table, the urgent list, the broken channels and the charts.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../app/app-context.js';
import { FAMILY_CHANNELS } from '../../../modules/overview/channel-sql.js';
import type { TodayDeliveries } from '../../../modules/overview/count-today-deliveries.js';
import { DELIVERY_STATUSES, loadDeliveryHistory } from '../../../modules/overview/load-delivery-history.js';
import { loadSchoolOverview, type OverviewClass, type SchoolOverview } from '../../../modules/overview/load-school-overview.js';
import { loadWeeklyCompliance } from '../../../modules/overview/load-weekly-compliance.js';
import type { InactiveChannelRow } from '../../../modules/overview/list-inactive-channels.js';
import type { PendingCritical } from '../../../modules/reports/delivery-report.js';
import { formatInstant } from '../../../modules/reports/format.js';
import { assertAdmin } from '../../../modules/staff/authorize.js';
import { html, type SafeHtml } from '../html.js';
import { layout } from '../layout.js';
import { sendPage, signedIn, type SignedIn } from '../request-state.js';
import { dataTable } from '../table-html.js';
import { complianceChart, deliveryCharts } from './overview-charts.js';
import { card, hoursLeft, lines } from './overview-card.js';

function cards(s: SignedIn, o: SchoolOverview): SafeHtml {
  const { t } = s;
  const f = o.families;
  const channelLines = FAMILY_CHANNELS.filter((c) => f.byChannel[c] > 0 && c !== 'none').map((c) => `${t(`overview:family.${c}`)}: ${f.byChannel[c]}`);
  if (f.byChannel.none > 0) channelLines.push(t('overview:admin.families.none', { count: f.byChannel.none }));
  const withoutConsent = o.classes.reduce((a, c) => a + c.withoutConsent, 0);
  const codes = o.classes.reduce((a, c) => a + c.codesOutstanding, 0);
  const consentClasses = o.classes.filter((c) => c.withoutConsent + c.codesOutstanding > 0);
  const unacked = o.classes.reduce((a, c) => a + c.unackedFinals + c.unackedExams, 0);
  const overdue = o.pending.filter((m) => m.hoursLeft < 0).length;
  const today = o.today.totals;
  return html`<ul class="cards overview-cards">
${card(f.byChannel.none > 0 ? 'warn' : 'ok', t('overview:admin.families.figure', { connected: f.connected, total: f.total }), t('overview:admin.families.label'), lines(channelLines, FAMILY_CHANNELS.length), { href: '/staff/admin/acks', text: t('overview:admin.families.link') })}
${card(
  withoutConsent > 0 ? 'warn' : 'ok',
  withoutConsent,
  t('overview:admin.consent.label', { count: withoutConsent }),
  html`<p class="card-note">${t('overview:admin.consent.codes', { count: codes })}</p>${consentClasses.length === 0
    ? html`<p class="card-note">${t('overview:admin.consent.all')}</p>`
    : lines(consentClasses.map((c) => html`<a href="/staff/admin/consent-codes?class=${c.id}">${t('overview:admin.consent.classLine', { className: c.name, without: c.withoutConsent, codes: c.codesOutstanding })}</a>`))}`,
  { href: '/staff/admin/consent-codes', text: t('overview:admin.consent.link') },
)}
${card(
  unacked > 0 ? 'warn' : 'ok',
  unacked,
  t('overview:admin.unacked.label'),
  unacked === 0
    ? html`<p class="card-note">${t('overview:admin.unacked.all')}</p>`
    : lines(o.classes.filter((c) => c.unackedFinals + c.unackedExams > 0).map((c) => html`<a href="/staff/classes/${c.id}/acks?problems=1">${t('overview:admin.unacked.classLine', { className: c.name, finals: c.unackedFinals, exams: c.unackedExams })}</a>`)),
  { href: '/staff/admin/acks', text: t('overview:admin.unacked.link') },
)}
${card(
  overdue > 0 ? 'bad' : o.pending.length > 0 ? 'warn' : 'ok',
  o.pending.length,
  t('overview:admin.window.label'),
  o.pending.length === 0
    ? html`<p class="card-note">${t('overview:admin.window.none')}</p>`
    : html`${overdue > 0 ? html`<p class="card-note bad-text">${t('overview:admin.window.overdue', { count: overdue })}</p>` : ''}${lines(o.pending.map((m) => `${m.studentName ?? m.guardianName ?? ''}: ${m.hoursLeft < 0 ? hoursLeft(t, m.hoursLeft) : t('overview:admin.window.left', { hours: m.hoursLeft })}`))}`,
  { href: '#window', text: t('overview:admin.window.title') },
)}
${card(
  o.inactiveTotal > 0 ? 'warn' : 'ok',
  o.inactiveTotal,
  t('overview:admin.inactive.label'),
  o.inactiveTotal === 0
    ? html`<p class="card-note">${t('overview:admin.inactive.none')}</p>`
    : lines(o.classes.filter((c) => c.inactiveChannels > 0).map((c) => html`<a href="/staff/classes/${c.id}">${t('overview:admin.inactive.classLine', { className: c.name, count: c.inactiveChannels })}</a>`)),
  { href: '#inactive', text: t('overview:admin.inactive.link') },
)}
${card(
  today.failed > 0 ? 'warn' : 'ok',
  today.delivered,
  t('overview:admin.today.label'),
  html`<p class="card-note">${t('overview:admin.today.line', { failed: today.failed, fellBack: today.fell_back, waiting: today.waiting })}</p>${lines(o.today.byChannel.filter((c) => c.delivered > 0).map((c) => t('overview:admin.today.byChannel', { channel: t(`staff:channel.${c.channel}`), delivered: c.delivered })))}`,
  { href: '#today', text: t('overview:admin.today.title') },
)}
</ul>`;
}

function details(s: SignedIn, o: SchoolOverview): SafeHtml {
  const { t, lang } = s;
  const tz = s.school.timezone;
  return html`<h2>${t('overview:admin.classes.title')}</h2>
${dataTable<OverviewClass>(
  [
    { label: t('staff:col.class'), cell: (c) => html`<a href="/staff/classes/${c.id}">${c.name}</a>` },
    { label: t('overview:admin.classes.connected'), cell: (c) => `${c.connected} / ${c.families}`, className: (c) => (c.connected < c.families ? 'warn num' : 'num') },
    { label: t('overview:admin.classes.withoutConsent'), cell: (c) => html`<a href="/staff/admin/consent-codes?class=${c.id}">${c.withoutConsent}</a>`, className: (c) => (c.withoutConsent > 0 ? 'warn num' : 'num') },
    { label: t('overview:admin.classes.codes'), cell: (c) => c.codesOutstanding, className: () => 'num' },
    { label: t('overview:admin.classes.unacked'), cell: (c) => html`<a href="/staff/classes/${c.id}/acks?problems=1">${c.unackedFinals + c.unackedExams}</a>`, className: (c) => (c.unackedFinals + c.unackedExams > 0 ? 'warn num' : 'num') },
    { label: t('overview:admin.classes.inactive'), cell: (c) => c.inactiveChannels, className: (c) => (c.inactiveChannels > 0 ? 'warn num' : 'num') },
  ],
  o.classes,
  t('staff:common.noClasses'),
)}
<h2 id="today">${t('overview:admin.today.title')}</h2>
${dataTable<TodayDeliveries['byChannel'][number]>(
  [
    { label: t('staff:delivery.channel'), cell: (c) => t(`staff:channel.${c.channel}`) },
    ...DELIVERY_STATUSES.map((st) => ({ label: t(`overview:chart.status.${st}`), cell: (c: TodayDeliveries['byChannel'][number]) => c[st], className: (c: TodayDeliveries['byChannel'][number]) => (st === 'failed' && c.failed > 0 ? 'warn num' : 'num') })),
  ],
  o.today.byChannel,
  t('overview:admin.today.empty'),
)}
<h2 id="window">${t('overview:admin.window.title')}</h2>
<p class="hint">${t('overview:admin.window.hint')}</p>
${dataTable<PendingCritical>(
  [
    { label: t('staff:delivery.kind'), cell: (m) => t(`staff:kind.${m.kind}`, { defaultValue: m.kind }) },
    { label: t('staff:col.student'), cell: (m) => m.studentName ?? '' },
    { label: t('staff:col.guardian'), cell: (m) => m.guardianName ?? '' },
    { label: t('staff:delivery.channel'), cell: (m) => t(`staff:channel.${m.channelType}`) },
    { label: t('staff:delivery.deadline'), cell: (m) => formatInstant(m.deadlineAt, tz, lang) },
    { label: t('staff:delivery.hoursLeft'), cell: (m) => hoursLeft(t, m.hoursLeft), className: (m) => (m.hoursLeft < 0 ? 'bad num' : m.hoursLeft < 6 ? 'warn num' : 'num') },
  ],
  o.pending,
  t('overview:admin.window.none'),
)}
<h2 id="inactive">${t('overview:admin.inactive.title')}</h2>
<p class="hint">${t('overview:admin.inactive.hint')}</p>
${dataTable<InactiveChannelRow>(
  [
    { label: t('staff:col.class'), cell: (c) => c.className },
    { label: t('staff:col.student'), cell: (c) => c.studentName },
    { label: t('staff:col.guardian'), cell: (c) => c.guardianName ?? '' },
    { label: t('staff:delivery.channel'), cell: (c) => t(`staff:channel.${c.type}`) },
    { label: t('staff:col.reason'), cell: (c) => (c.reason ? t(`staff:acks.reason.${c.reason}`, { defaultValue: c.reason }) : t('staff:acks.reason.inactive')) },
    { label: t('overview:admin.inactive.instead'), cell: (c) => t(`staff:channel.${c.fallback}`) },
  ],
  o.inactive,
  t('overview:admin.inactive.empty'),
)}`;
}

export function registerOverviewAdminPage(app: FastifyInstance, ctx: AppContext): void {
  const prisma = ctx.db.prisma;
  app.get('/staff/admin', async (request, reply) => {
    const s = signedIn(request);
    assertAdmin(s.user);
    const { t, lang } = s;
    const now = new Date();
    const school = { id: s.user.schoolId, timezone: s.school.timezone };
    const overview = await loadSchoolOverview(prisma, school, now);
    const compliance = await loadWeeklyCompliance(prisma, school.id, school.timezone, now);
    const history = await loadDeliveryHistory(prisma, school.id, school.timezone, now);
    const body = html`<p class="hint">${t('overview:admin.intro')}</p>
${cards(s, overview)}
${details(s, overview)}
<h2>${t('overview:chart.compliance.sectionTitle')}</h2>
<p class="hint">${compliance.period ? t('overview:chart.compliance.sectionHint') : t('overview:chart.compliance.noPeriod')}</p>
${compliance.weeks.length > 0 ? html`<div class="chart-grid">${compliance.classes.map((c) => complianceChart(t, lang, compliance, c))}</div>` : ''}
<h2>${t('overview:chart.delivery.sectionTitle')}</h2>
${deliveryCharts(t, lang, history)}`;
    return sendPage(reply, layout(s, { title: t('overview:admin.title'), path: '/staff/admin', body }));
  });
}
