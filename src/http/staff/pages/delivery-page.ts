import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../app/app-context.js';
import { buildDeliveryReport, type InactiveChannel, type PendingCritical, type StatusCount } from '../../../modules/reports/delivery-report.js';
import { formatInstant } from '../../../modules/reports/format.js';
import { assertAdmin } from '../../../modules/staff/authorize.js';
import { html } from '../html.js';
import { layout } from '../layout.js';
import { sendPage, signedIn } from '../request-state.js';
import { dataTable } from '../table-html.js';

export function registerDeliveryPage(app: FastifyInstance, ctx: AppContext): void {
  app.get('/staff/admin/delivery', async (request, reply) => {
    const s = signedIn(request);
    assertAdmin(s.user);
    const { t, lang } = s;
    const tz = s.school.timezone;
    const report = await buildDeliveryReport((await ctx.db.reads.caughtUp()).prisma, { schoolId: s.user.schoolId });
    const kind = (k: string) => t(`staff:kind.${k}`, { defaultValue: k });
    const body = html`<h2>${t('staff:delivery.pendingTitle')}</h2>
<p class="hint">${t('staff:delivery.pendingHint')}</p>
${dataTable<PendingCritical>(
  [
    { label: t('staff:delivery.kind'), cell: (m) => kind(m.kind) },
    { label: t('staff:col.student'), cell: (m) => m.studentName ?? '' },
    { label: t('staff:col.guardian'), cell: (m) => m.guardianName ?? '' },
    { label: t('staff:delivery.channel'), cell: (m) => t(`staff:channel.${m.channelType}`) },
    { label: t('staff:col.status'), cell: (m) => html`<span class="status ${m.status}">${t(`staff:outboxStatus.${m.status}`)}</span>` },
    { label: t('staff:delivery.deadline'), cell: (m) => formatInstant(m.deadlineAt, tz, lang) },
    { label: t('staff:delivery.hoursLeft'), cell: (m) => (m.hoursLeft < 0 ? t('staff:delivery.overdue', { hours: -m.hoursLeft }) : m.hoursLeft), className: (m) => (m.hoursLeft < 0 ? 'bad num' : m.hoursLeft < 6 ? 'warn num' : 'num') },
  ],
  report.pending,
  t('staff:delivery.noPending'),
)}
<h2>${t('staff:delivery.byStatusTitle', { days: report.sinceDays })}</h2>
${dataTable<StatusCount>(
  [
    { label: t('staff:delivery.kind'), cell: (r) => kind(r.kind) },
    { label: t('staff:col.status'), cell: (r) => html`<span class="status ${r.status}">${t(`staff:outboxStatus.${r.status}`)}</span>` },
    { label: t('staff:delivery.count'), cell: (r) => r.count, className: () => 'num' },
  ],
  report.byStatus,
  t('staff:delivery.noMessages'),
)}
<h2>${t('staff:delivery.inactiveTitle')}</h2>
${dataTable<InactiveChannel>(
  [
    { label: t('staff:col.guardian'), cell: (c) => c.guardianName ?? '' },
    { label: t('staff:col.student'), cell: (c) => c.students },
    { label: t('staff:delivery.channel'), cell: (c) => t(`staff:channel.${c.type}`) },
    { label: t('staff:col.reason'), cell: (c) => (c.reason ? t(`staff:acks.reason.${c.reason}`, { defaultValue: c.reason }) : t('staff:acks.reason.inactive')) },
    { label: t('staff:delivery.since'), cell: (c) => formatInstant(c.since, tz, lang) },
  ],
  report.inactive,
  t('staff:delivery.noInactive'),
)}`;
    return sendPage(reply, layout(s, { title: t('staff:delivery.title'), path: '/staff/admin/delivery', body }));
  });
}
