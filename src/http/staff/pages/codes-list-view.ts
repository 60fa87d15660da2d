import type { ConsentCodeListing } from '../../../modules/consent/list-consent-codes.js';
import { CODE_STATUS_FILTERS } from '../../../modules/consent/search-consent-codes.js';
import type { ClassCodeSummary } from '../../../modules/consent/summarise-codes-by-class.js';
import { describeChannels } from '../../../modules/reports/ack-report-table.js';
import { formatInstant } from '../../../modules/reports/format.js';
import type { AuthorizedClass } from '../../../modules/staff/authorize.js';
import { html, withQuery, type SafeHtml } from '../html.js';
import { csrfField } from '../layout.js';
import type { SignedIn } from '../request-state.js';
import { dataTable, options } from '../table-html.js';

export const CODES_PATH = '/staff/admin/consent-codes';

/** The list's filters, kept in the URL so a link or a reload shows the same list. */
export interface CodesFilter {
  class: string;
  status: string;
  kind: string;
  q: string;
  page: number;
}

export function filterQuery(f: CodesFilter): Record<string, string> {
  return { class: f.class, status: f.status, kind: f.kind, q: f.q, ...(f.page > 1 ? { page: String(f.page) } : {}) };
}

const FIGURES = ['issued', 'signed', 'redeemed', 'refused', 'expired', 'revoked'] as const;

export function summaryTable(s: SignedIn, summary: ClassCodeSummary[]): SafeHtml {
  const { t } = s;
  if (summary.length === 0) return html`<p class="empty">${t('codes-page:summary.empty')}</p>`;
  const total = (k: (typeof FIGURES)[number]) => summary.reduce((sum, c) => sum + c[k], 0);
  return html`<h2 id="summary-title">${t('codes-page:summary.title')}</h2>
<div class="table-wrap"><table class="data summary-table">
<caption class="hint">${t('codes-page:summary.caption')}</caption>
<thead><tr><th scope="col">${t('codes-page:summary.class')}</th>${FIGURES.map((k) => html`<th scope="col" class="num">${t(`codes-page:summary.${k}`)}</th>`)}</tr></thead>
<tbody>${summary.map((c) => html`<tr><th scope="row"><a href="${withQuery(CODES_PATH, { class: c.classId })}">${c.className}</a></th>${FIGURES.map((k) => html`<td class="num${k === 'expired' && c[k] > 0 ? ' warn' : ''}" data-label="${t(`codes-page:summary.${k}`)}">${c[k]}</td>`)}</tr>`)}</tbody>
<tfoot><tr><th scope="row">${t('codes-page:summary.total')}</th>${FIGURES.map((k) => html`<td class="num" data-label="${t(`codes-page:summary.${k}`)}">${total(k)}</td>`)}</tr></tfoot>
</table></div>`;
}

export function filtersForm(s: SignedIn, classes: AuthorizedClass[], f: CodesFilter): SafeHtml {
  const { t } = s;
  return html`<form method="get" action="${CODES_PATH}" class="filters" role="search">
  <label>${t('codes-page:filters.class')}<select name="class">${options([{ value: '', label: t('codes-page:filters.allClasses') }, ...classes.map((c) => ({ value: c.id, label: c.name }))], f.class)}</select></label>
  <label>${t('codes-page:filters.status')}<select name="status">${options([{ value: '', label: t('codes-page:filters.anyStatus') }, ...CODE_STATUS_FILTERS.map((v) => ({ value: v, label: t(`staff:codeStatus.${v}`) }))], f.status)}</select></label>
  <label>${t('codes-page:filters.kind')}<select name="kind">${options([{ value: '', label: t('codes-page:filters.anyKind') }, { value: 'guardians', label: t('codes-page:filters.guardians') }, { value: 'students', label: t('codes-page:filters.students') }], f.kind)}</select></label>
  <label>${t('codes-page:filters.query')}<input type="search" name="q" value="${f.q}" placeholder="${t('codes-page:filters.queryHint')}" autocomplete="off" spellcheck="false"></label>
  <button type="submit">${t('codes-page:filters.apply')}</button>
  <a class="button secondary" href="${CODES_PATH}">${t('codes-page:filters.reset')}</a>
</form>`;
}

const REVOCABLE = ['issued', 'active', 'expired'];

/** The row's only action sits in a menu that opens without JavaScript: no red button on every row. */
function rowMenu(s: SignedIn, c: ConsentCodeListing, issuedAt: string, f: CodesFilter): SafeHtml {
  const { t } = s;
  if (!REVOCABLE.includes(c.status)) return html`<span class="hint">${t('codes-page:list.noActions')}</span>`;
  return html`<details class="row-menu"><summary aria-label="${t('codes-page:list.menuFor', { student: c.studentName, issuedAt })}">${t('codes-page:list.menu')}</summary>
<form method="post" action="${CODES_PATH}/revoke">${csrfField(s)}<input type="hidden" name="classId" value="${f.class}"><input type="hidden" name="codeId" value="${c.id}"><button type="submit" class="secondary small">${t('codes-page:list.revokeOne')}</button></form>
</details>`;
}

export function codesList(s: SignedIn, data: { codes: ConsentCodeListing[]; total: number; pageSize: number; filter: CodesFilter; classes: AuthorizedClass[] }): SafeHtml {
  const { t, lang } = s;
  const tz = s.school.timezone;
  const f = data.filter;
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  const scopeClass = data.classes.find((c) => c.id === f.class);
  const filtered = f.q !== '' || f.status !== '' || f.kind !== '';
  const link = (page: number) => withQuery(CODES_PATH, { ...filterQuery(f), page: page > 1 ? String(page) : undefined });
  const table = dataTable<ConsentCodeListing>(
    [
      {
        label: t('codes-page:list.selectColumn'),
        cell: (c) => html`<input type="checkbox" name="codeId" value="${c.id}" form="bulk" aria-label="${t('codes-page:list.select', { student: c.studentName, class: c.className, issuedAt: formatInstant(c.issuedAt, tz, lang) })}"${REVOCABLE.includes(c.status) ? '' : html` disabled`}>`,
      },
      { label: t('staff:col.class'), cell: (c) => c.className },
      { label: t('staff:col.student'), cell: (c) => html`${c.studentName}${c.forStudent ? html` <span class="tag student">${t('codes-page:list.forStudent')}</span>` : ''}` },
      { label: t('staff:col.status'), cell: (c) => html`<span class="status ${c.status}">${t(`staff:codeStatus.${c.status}`)}</span>` },
      { label: t('codes-page:list.guardian'), cell: (c) => (c.decision ? html`${t(`staff:consent.${c.decision}`)}${c.guardianName ? html`: ${c.guardianName}` : ''}` : '—') },
      { label: t('staff:col.channels'), cell: (c) => (c.decision === 'signed' ? describeChannels(c.channels, t) : '—'), className: (c) => (c.decision === 'signed' && !c.channels.some((ch) => ch.works) ? 'bad' : undefined) },
      { label: t('staff:consent.issuedAt'), cell: (c) => formatInstant(c.issuedAt, tz, lang) },
      { label: t('staff:consent.expiresAt'), cell: (c) => formatInstant(c.expiresAt, tz, lang) },
      { label: t('codes-page:list.menu'), cell: (c) => rowMenu(s, c, formatInstant(c.issuedAt, tz, lang), f) },
    ],
    data.codes,
    filtered ? t('codes-page:list.empty') : t('codes-page:list.noCodes'),
  );
  return html`<h2 id="codes">${t('codes-page:list.title')}</h2>
<p class="hint" role="status">${t('codes-page:list.found', { count: data.total })}</p>
<form method="post" action="${CODES_PATH}/bulk" id="bulk" class="bulk">
  ${csrfField(s)}<input type="hidden" name="classId" value="${f.class}">
  <fieldset class="choice"><legend>${t('codes-page:bulk.legend')}</legend>
  <button type="submit" name="action" value="revoke" class="secondary">${t('codes-page:bulk.revokeSelected')}</button>
  <button type="submit" name="action" value="reissue" class="secondary">${scopeClass ? t('codes-page:bulk.reissueScopeClass', { class: scopeClass.name }) : t('codes-page:bulk.reissueScopeAll')}</button>
  </fieldset>
</form>
${table}
${pages > 1
  ? html`<nav class="pager" aria-label="${t('codes-page:list.pageNo', { page: f.page, pages })}">${f.page > 1 ? html`<a class="button secondary" href="${link(f.page - 1)}#codes" rel="prev">${t('codes-page:list.newer')}</a>` : ''}<span>${t('codes-page:list.pageNo', { page: f.page, pages })}</span>${f.page < pages ? html`<a class="button secondary" href="${link(f.page + 1)}#codes" rel="next">${t('codes-page:list.older')}</a>` : ''}</nav>`
  : ''}`;
}
