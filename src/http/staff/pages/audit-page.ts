import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../app/app-context.js';
import { formatInstant } from '../../../modules/reports/format.js';
import { listAuditActions, queryAuditLog, type AuditEntry } from '../../../modules/reports/audit-log-query.js';
import { assertAdmin } from '../../../modules/staff/authorize.js';
import { html, withQuery } from '../html.js';
import { layout } from '../layout.js';
import { queryField, sendPage, signedIn } from '../request-state.js';
import { dataTable, options } from '../table-html.js';

const ACTOR_TYPES = ['admin', 'teacher', 'cli', 'guardian', 'api', 'system', 'anonymous'];

/** 'YYYY-MM-DD' as the start of that day in the school's zone (approximated by its UTC offset at noon). */
function dayStart(date: string, timeZone: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const noon = new Date(`${date}T12:00:00Z`);
  if (Number.isNaN(noon.getTime())) return undefined;
  const local = new Date(noon.toLocaleString('en-US', { timeZone }));
  const offset = local.getTime() - new Date(noon.toLocaleString('en-US', { timeZone: 'UTC' })).getTime();
  return new Date(Date.parse(`${date}T00:00:00Z`) - offset);
}

export function registerAuditPage(app: FastifyInstance, ctx: AppContext): void {
  app.get('/staff/admin/audit', async (request, reply) => {
    const s = signedIn(request);
    assertAdmin(s.user);
    const { t, lang } = s;
    const tz = s.school.timezone;
    const filter = { action: queryField(request, 'action'), actor: queryField(request, 'actor'), from: queryField(request, 'from'), to: queryField(request, 'to'), before: queryField(request, 'before') };
    const to = dayStart(filter.to, tz);
    const { entries, nextBeforeId } = await queryAuditLog(ctx.db.prisma, {
      schoolId: s.user.schoolId,
      action: filter.action.slice(0, 100) || undefined,
      actorType: ACTOR_TYPES.includes(filter.actor) ? filter.actor : undefined,
      from: dayStart(filter.from, tz),
      to: to ? new Date(to.getTime() + 86400_000) : undefined,
      beforeId: /^\d{1,18}$/.test(filter.before) ? BigInt(filter.before) : undefined,
      limit: 100,
    });
    const actions = await listAuditActions(ctx.db.prisma, s.user.schoolId);
    const body = html`<form method="get" action="/staff/admin/audit" class="filters">
  <label>${t('staff:audit.action')}<select name="action">${options([{ value: '', label: t('staff:audit.any') }, ...actions.map((a) => ({ value: a, label: a }))], filter.action)}</select></label>
  <label>${t('staff:audit.actor')}<select name="actor">${options([{ value: '', label: t('staff:audit.any') }, ...ACTOR_TYPES.map((a) => ({ value: a, label: a }))], filter.actor)}</select></label>
  <label>${t('staff:audit.from')}<input type="date" name="from" value="${filter.from}"></label>
  <label>${t('staff:audit.to')}<input type="date" name="to" value="${filter.to}"></label>
  <button type="submit">${t('staff:filters.apply')}</button>
</form>
${dataTable<AuditEntry>(
  [
    { label: t('staff:audit.when'), cell: (e) => formatInstant(e.createdAt, tz, lang) },
    { label: t('staff:audit.actor'), cell: (e) => `${e.actorType}${e.actorEmail ? ` · ${e.actorEmail}` : ''}` },
    { label: t('staff:audit.action'), cell: (e) => html`<code>${e.action}</code>` },
    // Ids are long: the first characters tell rows apart, the whole id is in the tooltip.
    { label: t('staff:audit.target'), cell: (e) => (e.targetType ? html`${e.targetType} <span title="${e.targetId ?? ''}">${e.targetId?.slice(0, 8) ?? ''}</span>` : '') },
    { label: t('staff:audit.details'), cell: (e) => (e.details ? html`<span class="details">${JSON.stringify(e.details)}</span>` : '') },
  ],
  entries,
  t('staff:audit.empty'),
)}
${nextBeforeId ? html`<p><a class="button secondary" href="${withQuery('/staff/admin/audit', { ...filter, before: nextBeforeId })}">${t('staff:audit.older')}</a></p>` : ''}`;
    return sendPage(reply, layout(s, { title: t('staff:audit.title'), path: '/staff/admin/audit', query: filter, body }));
  });
}
