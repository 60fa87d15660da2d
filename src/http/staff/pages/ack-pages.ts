import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../app/app-context.js';
import { ackReportTable, describeAck, describeChannels } from '../../../modules/reports/ack-report-table.js';
import { buildAckReport, type AckRow } from '../../../modules/reports/class-ack-report.js';
import { formatDate, formatInstant } from '../../../modules/reports/format.js';
import { listPeriods } from '../../../modules/reports/load-class-context.js';
import { toCsv } from '../../../modules/reports/to-csv.js';
import { toPdf } from '../../../modules/reports/to-pdf.js';
import { assertAdmin, authorizeClass, isUuid, visibleClasses } from '../../../modules/staff/authorize.js';
import { html, withQuery } from '../html.js';
import { layout } from '../layout.js';
import { queryField, sendDownload, sendPage, signedIn } from '../request-state.js';
import { dataTable, options } from '../table-html.js';

export function registerAckPages(app: FastifyInstance, ctx: AppContext): void {
  const prisma = ctx.db.prisma;

  app.get('/staff/admin/acks', async (request, reply) => {
    const s = signedIn(request);
    assertAdmin(s.user);
    const classes = await visibleClasses(prisma, s.user);
    const body = dataTable(
      [
        { label: s.t('staff:col.class'), cell: (c) => c.name },
        { label: s.t('staff:col.open'), cell: (c) => html`<a href="/staff/classes/${c.id}/acks">${s.t('staff:nav.acks')}</a> · <a href="/staff/classes/${c.id}/paper">${s.t('staff:nav.paper')}</a>` },
      ],
      classes,
      s.t('staff:common.noClasses'),
    );
    return sendPage(reply, layout(s, { title: s.t('staff:acks.classesTitle'), path: '/staff/admin/acks', body }));
  });

  app.get<{ Params: { classId: string } }>('/staff/classes/:classId/acks', async (request, reply) => {
    const s = signedIn(request);
    const schoolClass = await authorizeClass(prisma, s.user, request.params.classId);
    const period = queryField(request, 'period');
    const problems = queryField(request, 'problems') === '1';
    const q = queryField(request, 'q').slice(0, 100);
    // The report reads the replica when there is one, caught up to this request.
    const report = await buildAckReport((await ctx.db.reads.caughtUp()).prisma, {
      schoolId: s.user.schoolId,
      classId: schoolClass.id,
      periodId: isUuid(period) ? period : undefined,
      problemsOnly: problems,
      search: q,
    });
    const format = queryField(request, 'format');
    const filename = `acks-${schoolClass.name}-${report.generatedAt.slice(0, 10)}`;
    if (format === 'csv' || format === 'pdf') {
      const table = ackReportTable(report, s.t, s.lang);
      await prisma.auditLog.create({ data: { schoolId: s.user.schoolId, actorType: s.user.role, actorId: s.user.id, action: 'report.acks.export', targetType: 'class', targetId: schoolClass.id, details: { format } } });
      if (format === 'csv') return sendDownload(reply, { filename: `${filename}.csv`, contentType: 'text/csv; charset=utf-8', body: toCsv(table, s.lang) });
      const generated = s.t('staff:common.generated', { at: formatInstant(new Date(), s.school.timezone, s.lang) });
      return sendDownload(reply, { filename: `${filename}.pdf`, contentType: 'application/pdf', body: await toPdf(table, generated) });
    }

    const { t, lang } = s;
    const tz = s.school.timezone;
    const periods = await listPeriods(prisma, s.user.schoolId);
    const path = `/staff/classes/${schoolClass.id}/acks`;
    const filters = { period: report.period?.id, problems: problems ? '1' : undefined, q };
    const low = report.rows.filter((r) => r.lowViews).length;
    const body = html`
<form method="get" action="${path}" class="filters">
  <label>${t('staff:filters.period')}<select name="period">${options(periods.map((p) => ({ value: p.id, label: p.name })), report.period?.id ?? '')}</select></label>
  <label>${t('staff:filters.student')}<input type="search" name="q" value="${q}"></label>
  <label class="check"><input type="checkbox" name="problems" value="1"${problems ? html` checked` : ''}> ${t('staff:filters.problemsOnly')}</label>
  <button type="submit">${t('staff:filters.apply')}</button>
</form>
<p class="summary">${report.period ? t('staff:acks.periodLine', { name: report.period.name, from: formatDate(report.period.startsOn, lang), to: formatDate(report.period.endsOn, lang) }) : ''}
${t('staff:acks.lowCount', { count: low, total: report.rows.length })}</p>
<p class="exports"><a class="button" href="${withQuery(path, { ...filters, format: 'csv' })}" download>${t('staff:export.csv')}</a>
<a class="button" href="${withQuery(path, { ...filters, format: 'pdf' })}" download>${t('staff:export.pdf')}</a></p>
${dataTable<AckRow>(
  [
    { label: t('staff:col.student'), cell: (r) => r.studentName },
    { label: t('staff:col.guardian'), cell: (r) => r.guardianName ?? (r.guardianId ? t('staff:acks.unnamed') : t('staff:acks.noGuardian')), className: (r) => (r.guardianId ? undefined : 'bad') },
    { label: t('staff:col.channels'), cell: (r) => describeChannels(r.channels, t), className: (r) => (r.channels.some((c) => c.works) ? undefined : 'bad') },
    { label: t('staff:col.viewDays7d'), cell: (r) => r.viewDays7d, className: (r) => (r.lowViews ? 'bad num' : 'num') },
    { label: t('staff:col.digest'), cell: (r) => describeAck(r.digest, t, tz, lang), className: (r) => (r.digest && !r.digest.acknowledgedAt ? 'warn' : undefined) },
    { label: t('staff:col.finalMarks'), cell: (r) => (r.finalMarks ? `${r.finalMarks.periodName}: ${describeAck(r.finalMarks, t, tz, lang)}` : t('staff:acks.none')), className: (r) => (r.finalMarks && !r.finalMarks.acknowledgedAt ? 'warn' : undefined) },
    { label: t('staff:col.weeksMet'), cell: (r) => (report.period ? `${r.weeksMet} / ${report.period.weeks}` : ''), className: () => 'num' },
  ],
  report.rows,
  t('staff:acks.empty'),
)}`;
    return sendPage(reply, layout(s, { title: t('staff:acks.title', { className: schoolClass.name }), path, query: { period: report.period?.id ?? '', q, problems: problems ? '1' : '' }, body }));
  });
}
