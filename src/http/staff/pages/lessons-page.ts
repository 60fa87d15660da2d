import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../app/app-context.js';
import { formatDate } from '../../../modules/reports/format.js';
import { buildLessonsVsPlan, type LessonsRow } from '../../../modules/reports/lessons-vs-plan.js';
import { listPeriods } from '../../../modules/reports/load-class-context.js';
import { assertAdmin, authorizeClass, isUuid, visibleClasses } from '../../../modules/staff/authorize.js';
import { AppError } from '../../../lib/app-error.js';
import { html } from '../html.js';
import { layout } from '../layout.js';
import { queryField, sendPage, signedIn } from '../request-state.js';
import { dataTable, options } from '../table-html.js';

export function registerLessonsPage(app: FastifyInstance, ctx: AppContext): void {
  const prisma = ctx.db.prisma;
  app.get('/staff/admin/lessons', async (request, reply) => {
    const s = signedIn(request);
    assertAdmin(s.user);
    const { t, lang } = s;
    const classParam = queryField(request, 'class');
    const periodParam = queryField(request, 'period');
    if (periodParam && !isUuid(periodParam)) throw new AppError('NOT_FOUND', 'no such period');
    const schoolClass = classParam ? await authorizeClass(prisma, s.user, classParam) : null;
    const report = await buildLessonsVsPlan((await ctx.db.reads.caughtUp()).prisma, { schoolId: s.user.schoolId, classId: schoolClass?.id, periodId: periodParam || undefined });
    const classes = await visibleClasses(prisma, s.user);
    const periods = await listPeriods(prisma, s.user.schoolId);
    const body = html`<form method="get" action="/staff/admin/lessons" class="filters">
  <label>${t('staff:col.class')}<select name="class">${options([{ value: '', label: t('staff:lessons.allClasses') }, ...classes.map((c) => ({ value: c.id, label: c.name }))], schoolClass?.id ?? '')}</select></label>
  <label>${t('staff:filters.period')}<select name="period">${options(periods.map((p) => ({ value: p.id, label: p.name })), report.period?.id ?? '')}</select></label>
  <button type="submit">${t('staff:filters.show')}</button>
</form>
${report.period ? html`<p class="summary">${t('staff:lessons.asOf', { name: report.period.name, from: formatDate(report.period.startsOn, lang), to: formatDate(report.period.endsOn, lang), today: formatDate(report.today, lang) })}</p>` : ''}
${dataTable<LessonsRow>(
  [
    { label: t('staff:col.class'), cell: (r) => r.className },
    { label: t('staff:col.subject'), cell: (r) => r.subjectName },
    { label: t('staff:lessons.scheduled'), cell: (r) => r.scheduled, className: () => 'num' },
    { label: t('staff:lessons.held'), cell: (r) => r.held, className: () => 'num' },
    { label: t('staff:lessons.cancelled'), cell: (r) => r.cancelled, className: (r) => (r.cancelled > 0 ? 'warn num' : 'num') },
    { label: t('staff:lessons.remaining'), cell: (r) => r.remaining, className: () => 'num' },
  ],
  report.rows,
  t('staff:lessons.empty'),
)}`;
    return sendPage(reply, layout(s, { title: t('staff:lessons.title'), path: '/staff/admin/lessons', query: { class: schoolClass?.id ?? '', period: report.period?.id ?? '' }, body }));
  });
}
