import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../app/app-context.js';
import { zonedTimeToUtc } from '../../../lib/zoned-time.js';
import { describeAuditEntry } from '../../../modules/reports/describe-audit-entry.js';
import { formatInstant } from '../../../modules/reports/format.js';
import { listAuditFilterChoices, queryAuditLines, type AuditLinesQuery } from '../../../modules/reports/query-audit-lines.js';
import { resolveAuditNames } from '../../../modules/reports/resolve-audit-names.js';
import { toCsv } from '../../../modules/reports/to-csv.js';
import { assertAdmin, isUuid } from '../../../modules/staff/authorize.js';
import { html, withQuery } from '../html.js';
import { layout, notice } from '../layout.js';
import { queryField, sendDownload, sendPage, signedIn, type SignedIn } from '../request-state.js';
import { options } from '../table-html.js';
import { actionOptions, auditDays } from './audit-view.js';

const ACTOR_KINDS = ['staff', 'cli', 'system', 'api', 'guardian', 'anonymous'];
const PAGE_SIZE = 50;
const CSV_LIMIT = 10_000;

/** 'YYYY-MM-DD' as the instant the school's day begins; undefined when empty or malformed. */
function dayStart(date: string, timeZone: string, plusDays = 0): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return undefined;
  return zonedTimeToUtc(y, mo, d + plusDays, 0, 0, timeZone);
}

function readFilter(request: FastifyRequest, s: SignedIn) {
  const filter = { actor: queryField(request, 'actor'), action: queryField(request, 'action').slice(0, 100), from: queryField(request, 'from'), to: queryField(request, 'to') };
  const page = Math.min(Math.max(Number.parseInt(queryField(request, 'page'), 10) || 1, 1), 10_000);
  const actorOk = ACTOR_KINDS.includes(filter.actor) || (filter.actor.startsWith('staff:') && isUuid(filter.actor.slice(6)));
  const tz = s.school.timezone;
  const from = dayStart(filter.from, tz);
  const to = dayStart(filter.to, tz, 1);
  const bad = [filter.from && !from ? filter.from : '', filter.to && !to ? filter.to : ''].filter(Boolean);
  const query: AuditLinesQuery = { schoolId: s.user.schoolId, action: /^[a-z_.]+$/.test(filter.action) ? filter.action : undefined, actor: actorOk ? filter.actor : undefined, from, to };
  return { filter, page, query, bad };
}

async function describedLines(ctx: AppContext, s: SignedIn, query: AuditLinesQuery, page: number, pageSize: number) {
  const { lines, hasMore } = await queryAuditLines(ctx.db.prisma, { ...query, page, pageSize });
  const names = await resolveAuditNames(ctx.db.prisma, s.user.schoolId, lines);
  return { described: lines.map((line) => ({ line, said: describeAuditEntry(line, names, s.t) })), hasMore };
}

export function registerAuditPage(app: FastifyInstance, ctx: AppContext): void {
  app.get('/staff/admin/audit', async (request, reply) => {
    const s = signedIn(request);
    assertAdmin(s.user);
    const { t } = s;
    const { filter, page, query, bad } = readFilter(request, s);
    const [{ described, hasMore }, choices] = await Promise.all([describedLines(ctx, s, query, page, PAGE_SIZE), listAuditFilterChoices(ctx.db.prisma, s.user.schoolId)]);
    const people = [
      { value: '', label: t('audit:page.anyone') },
      ...choices.staff.map((u) => ({ value: `staff:${u.id}`, label: u.name })),
      ...ACTOR_KINDS.map((k) => ({ value: k, label: t(`audit:actorFilter.${k}`) })),
    ];
    const link = (p: number) => withQuery('/staff/admin/audit', { ...filter, page: p > 1 ? p : undefined });
    const body = html`${bad.map((value) => notice('error', t('audit:page.badDate', { value })))}
<form method="get" action="/staff/admin/audit" class="filters">
  <label>${t('audit:page.person')}<select name="actor">${options(people, filter.actor)}</select></label>
  <label>${t('audit:page.action')}<select name="action">${actionOptions(t, choices.actions, filter.action)}</select></label>
  <label>${t('audit:page.from')}<input type="date" name="from" value="${filter.from}"></label>
  <label>${t('audit:page.to')}<input type="date" name="to" value="${filter.to}"></label>
  <button type="submit">${t('audit:page.apply')}</button>
  <a class="button secondary" href="/staff/admin/audit">${t('audit:page.reset')}</a>
</form>
<div class="exports"><a class="button secondary" href="${withQuery('/staff/admin/audit/export.csv', filter)}" download>${t('audit:page.csv')}</a></div>
${described.length === 0 ? html`<p class="empty">${t('audit:page.empty')}</p>` : auditDays(s, described)}
${page > 1 || hasMore
  ? html`<nav class="pager" aria-label="${t('audit:page.pageNo', { page })}">${page > 1 ? html`<a class="button secondary" href="${link(page - 1)}" rel="prev">${t('audit:page.newer')}</a>` : ''}<span>${t('audit:page.pageNo', { page })}</span>${hasMore ? html`<a class="button secondary" href="${link(page + 1)}" rel="next">${t('audit:page.older')}</a>` : ''}</nav>`
  : ''}`;
    return sendPage(reply, layout(s, { title: t('audit:page.title'), path: '/staff/admin/audit', query: { ...filter, ...(page > 1 ? { page: String(page) } : {}) }, body }));
  });

  app.get('/staff/admin/audit/export.csv', async (request, reply) => {
    const s = signedIn(request);
    assertAdmin(s.user);
    const { t } = s;
    const { query } = readFilter(request, s);
    const { described } = await describedLines(ctx, s, query, 1, CSV_LIMIT);
    const table = {
      title: t('audit:page.csvTitle', { school: s.school.name }),
      columns: [t('audit:page.when'), t('audit:page.who'), t('audit:page.what'), t('audit:page.rawAction'), t('audit:page.rawTarget'), t('audit:page.rawDetails')],
      rows: described.map(({ line, said }) => [
        formatInstant(line.createdAt, s.school.timezone, s.lang),
        said.actor,
        said.sentence,
        line.action,
        line.targetType ? `${line.targetType}: ${line.targetIds.join(' ')}` : '',
        line.details.length === 0 ? '' : JSON.stringify(line.details.length === 1 ? line.details[0] : line.details),
      ]),
    };
    return sendDownload(reply, { filename: 'audit-log.csv', contentType: 'text/csv; charset=utf-8', body: toCsv(table, s.lang) });
  });
}
