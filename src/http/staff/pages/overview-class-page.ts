// /staff/classes/<id>: where a class teacher lands (an admin may open any class's too):
// whom to call, what is unacknowledged, what came in since yesterday, the paper families.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../app/app-context.js';
import { loadClassHome, type LowViewRow, type NewAck } from '../../../modules/overview/load-class-home.js';
import type { UnackedResult } from '../../../modules/overview/list-unacked-results.js';
import { formatInstant } from '../../../modules/reports/format.js';
import { authorizeClass } from '../../../modules/staff/authorize.js';
import { AppError } from '../../../lib/app-error.js';
import { html } from '../html.js';
import { layout } from '../layout.js';
import { sendPage, signedIn } from '../request-state.js';
import { dataTable } from '../table-html.js';
import { complianceChart } from './overview-charts.js';
import { card } from './overview-card.js';

export function registerOverviewClassPage(app: FastifyInstance, ctx: AppContext): void {
  const prisma = ctx.db.prisma;
  app.get<{ Params: { classId: string } }>('/staff/classes/:classId', async (request, reply) => {
    const s = signedIn(request);
    const schoolClass = await authorizeClass(prisma, s.user, request.params.classId);
    const { t, lang } = s;
    const tz = s.school.timezone;
    const school = await prisma.school.findUnique({ where: { id: s.user.schoolId }, select: { paperCadenceDays: true } });
    if (!school) throw new AppError('NOT_FOUND', 'no such school');
    const now = new Date();
    const home = await loadClassHome(prisma, ctx.db.pool, { schoolId: s.user.schoolId, classId: schoolClass.id, timeZone: tz, paperCadenceDays: school.paperCadenceDays }, now);
    const base = `/staff/classes/${schoolClass.id}`;
    const at = (iso: string | null) => formatInstant(iso, tz, lang);
    const what = (u: UnackedResult) => (u.kind === 'final_marks' ? t('overview:class.unacked.finalMarks', { label: u.label }) : t('overview:class.unacked.exam', { label: u.label }));
    const paper = home.paper;
    const paperNote = paper.families.length === 0 ? '' : paper.nextDueAt && Date.parse(paper.nextDueAt) <= now.getTime() ? t('overview:class.paper.dueNow') : t('overview:class.paper.nextDue', { at: at(paper.nextDueAt) });
    const compliance = home.compliance.classes[0];
    const body = html`<p class="hint">${t('overview:class.intro')}</p>
<ul class="cards overview-cards">
${card(home.lowViews.length > 0 ? 'warn' : 'ok', home.lowViews.length, t('overview:class.lowViews.label'), '', { href: '#low-views', text: t('overview:class.lowViews.title') })}
${card(home.unacked.length > 0 ? 'warn' : 'ok', home.unacked.length, t('overview:class.unacked.label'), '', { href: `${base}/acks?problems=1`, text: t('overview:class.unacked.link') })}
${card('ok', home.newAcks.length, t('overview:class.newAcks.label'), '', { href: '#new-acks', text: t('overview:class.newAcks.title') })}
${card(paper.current && !paper.current.handedOutAt ? 'warn' : 'ok', paper.families.length, t('overview:class.paper.label'), paperNote ? html`<p class="card-note">${paperNote}</p>` : '', { href: `${base}/paper`, text: t('overview:class.paper.link') })}
</ul>
<h2 id="low-views">${t('overview:class.lowViews.title')}</h2>
<p class="hint">${t('overview:class.lowViews.hint')}</p>
${dataTable<LowViewRow>(
  [
    { label: t('staff:col.guardian'), cell: (r) => r.guardianName ?? t('staff:acks.unnamed') },
    { label: t('staff:col.student'), cell: (r) => r.studentName },
    { label: t('overview:class.lowViews.days'), cell: (r) => r.days, className: (r) => (r.days === 0 ? 'bad num' : 'warn num') },
    { label: t('overview:class.lowViews.channel'), cell: (r) => t(`staff:channel.${r.channel}`) },
    { label: t('overview:class.lowViews.phone'), cell: (r) => (r.phone ? html`<a href="tel:${r.phone.replace(/[^+\d]/g, '')}">${r.phone}</a>` : '') },
  ],
  home.lowViews,
  t('overview:class.lowViews.empty'),
)}
<h2 id="unacked">${t('overview:class.unacked.title')}</h2>
${dataTable<UnackedResult>(
  [
    { label: t('staff:col.student'), cell: (u) => u.studentName },
    { label: t('staff:col.guardian'), cell: (u) => u.guardianName ?? t('staff:acks.unnamed') },
    { label: t('overview:class.unacked.what'), cell: what },
    { label: t('overview:class.unacked.sent'), cell: (u) => (u.sentAt ? at(u.sentAt) : t('overview:class.unacked.notSent')) },
  ],
  home.unacked,
  t('overview:class.unacked.empty'),
)}
<p><a href="${base}/acks">${t('overview:class.unacked.link')}</a></p>
<h2 id="new-acks">${t('overview:class.newAcks.title')}</h2>
${dataTable<NewAck>(
  [
    { label: t('staff:col.guardian'), cell: (a) => a.guardianName ?? t('staff:acks.unnamed') },
    { label: t('staff:col.student'), cell: (a) => a.studentName },
    { label: t('overview:class.newAcks.what'), cell: (a) => t(`overview:subject.${a.subject}`, { defaultValue: a.subject }) },
    { label: t('overview:class.newAcks.when'), cell: (a) => at(a.at) },
    { label: t('overview:class.newAcks.channel'), cell: (a) => t(`staff:channel.${a.channelType}`) },
  ],
  home.newAcks,
  t('overview:class.newAcks.empty'),
)}
<h2 id="paper">${t('overview:class.paper.title')}</h2>
${paper.families.length === 0
  ? html`<p class="empty">${t('overview:class.paper.empty')}</p>`
  : html`<p class="hint">${t('overview:class.paper.hint')}</p>
<ul class="plain-list">${paper.families.map((f) => html`<li>${f.guardianName || t('staff:acks.unnamed')} — ${f.studentName}</li>`)}</ul>
<p>${paperNote}${paper.current ? html`<br>${t('overview:class.paper.current', { at: at(paper.current.createdAt) })}: ${paper.current.handedOutAt ? t('overview:class.paper.handedOut', { at: at(paper.current.handedOutAt) }) : t('overview:class.paper.notHandedOut')}` : ''}</p>`}
<p><a href="${base}/paper">${t('overview:class.paper.link')}</a></p>
<h2>${t('overview:chart.compliance.sectionTitle')}</h2>
<p class="hint">${home.compliance.period ? t('overview:chart.compliance.sectionHint') : t('overview:chart.compliance.noPeriod')}</p>
${compliance && home.compliance.weeks.length > 0 ? html`<div class="chart-single">${complianceChart(t, lang, home.compliance, compliance)}</div>` : ''}`;
    return sendPage(reply, layout(s, { title: t('overview:class.title', { className: schoolClass.name }), path: base, body }));
  });
}
