import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../app/app-context.js';
import { formatDate } from '../../../modules/reports/format.js';
import { listPeriods } from '../../../modules/reports/load-class-context.js';
import { buildSummarySheet, type DeferredMark, type SummaryStudent } from '../../../modules/reports/summary-sheet.js';
import { summarySheetCsvTable, summarySheetTables } from '../../../modules/reports/summary-sheet-tables.js';
import { toCsv } from '../../../modules/reports/to-csv.js';
import { toXlsx } from '../../../modules/reports/to-xlsx.js';
import { assertAdmin, authorizeClass, isUuid, visibleClasses } from '../../../modules/staff/authorize.js';
import { AppError } from '../../../lib/app-error.js';
import { html, withQuery } from '../html.js';
import { layout } from '../layout.js';
import { queryField, sendDownload, sendPage, signedIn } from '../request-state.js';
import { dataTable, options } from '../table-html.js';

export function registerSummaryPage(app: FastifyInstance, ctx: AppContext): void {
  const prisma = ctx.db.prisma;
  app.get('/staff/admin/summary', async (request, reply) => {
    const s = signedIn(request);
    assertAdmin(s.user);
    const { t, lang } = s;
    const classes = await visibleClasses(prisma, s.user);
    const classId = queryField(request, 'class') || classes[0]?.id || '';
    const periodParam = queryField(request, 'period');
    if (periodParam && !isUuid(periodParam)) throw new AppError('NOT_FOUND', 'no such period');
    const schoolClass = classId ? await authorizeClass(prisma, s.user, classId) : null;
    const periods = await listPeriods(prisma, s.user.schoolId);
    const filterForm = (periodId: string) => html`<form method="get" action="/staff/admin/summary" class="filters">
  <label>${t('staff:col.class')}<select name="class">${options(classes.map((c) => ({ value: c.id, label: c.name })), schoolClass?.id ?? '')}</select></label>
  <label>${t('staff:filters.period')}<select name="period">${options(periods.map((p) => ({ value: p.id, label: p.name })), periodId)}</select></label>
  <button type="submit">${t('staff:filters.show')}</button>
</form>`;
    if (!schoolClass) return sendPage(reply, layout(s, { title: t('staff:summary.title'), path: '/staff/admin/summary', body: html`${filterForm('')}<p class="empty">${t('staff:common.noClasses')}</p>` }));

    const sheet = await buildSummarySheet((await ctx.db.reads.caughtUp()).prisma, { schoolId: s.user.schoolId, classId: schoolClass.id, periodId: periodParam || undefined });
    const format = queryField(request, 'format');
    const name = `summary-${schoolClass.name}-${sheet.period?.externalId ?? 'period'}`;
    if (format === 'csv') return sendDownload(reply, { filename: `${name}.csv`, contentType: 'text/csv; charset=utf-8', body: toCsv(summarySheetCsvTable(sheet, t, lang), lang) });
    if (format === 'xlsx') {
      return sendDownload(reply, { filename: `${name}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: await toXlsx(summarySheetTables(sheet, t, lang)) });
    }
    const query = { class: schoolClass.id, period: sheet.period?.id ?? '' };
    const mark = (value: string | null | undefined) => (value === 'deferred' ? t('staff:summary.deferredShort') : (value ?? '—'));
    const body = html`${filterForm(sheet.period?.id ?? '')}
<p class="exports"><a class="button" href="${withQuery('/staff/admin/summary', { ...query, format: 'csv' })}" download>${t('staff:export.csv')}</a>
<a class="button" href="${withQuery('/staff/admin/summary', { ...query, format: 'xlsx' })}" download>${t('staff:export.xlsx')}</a></p>
<h2>${t('staff:summary.sheetTitle')}${sheet.period ? ` — ${sheet.period.name}` : ''}</h2>
${dataTable<SummaryStudent>(
  [
    { label: t('staff:col.student'), cell: (r) => r.studentName },
    ...sheet.subjects.map((subject) => ({
      label: subject,
      cell: (r: SummaryStudent) => mark(r.marks[subject]),
      className: (r: SummaryStudent) => (r.marks[subject] === null ? 'bad num' : r.marks[subject] === 'deferred' ? 'warn num' : 'num'),
    })),
  ],
  sheet.students,
  t('staff:summary.empty'),
)}
<h2>${t('staff:summary.deferredTitle')}</h2>
${dataTable<DeferredMark>(
  [
    { label: t('staff:col.student'), cell: (d) => d.studentName },
    { label: t('staff:col.subject'), cell: (d) => d.subjectName },
    { label: t('staff:col.reason'), cell: (d) => d.reason ?? '' },
    { label: t('staff:col.newDate'), cell: (d) => formatDate(d.deferredUntil, lang) },
  ],
  sheet.deferred,
  t('staff:summary.noDeferred'),
)}
<h2>${t('staff:summary.missingTitle')}</h2>
${dataTable(
  [
    { label: t('staff:col.student'), cell: (m: { studentName: string }) => m.studentName },
    { label: t('staff:col.subject'), cell: (m: { subjectName: string }) => m.subjectName },
  ],
  sheet.missing,
  t('staff:summary.noMissing'),
)}`;
    return sendPage(reply, layout(s, { title: t('staff:summary.title'), path: '/staff/admin/summary', query, body }));
  });
}
