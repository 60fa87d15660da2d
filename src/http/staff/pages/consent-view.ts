import type { ConsentCodeListing } from '../../../modules/consent/list-consent-codes.js';
import type { ClassCodeSummary } from '../../../modules/consent/summarise-codes-by-class.js';
import { formatInstant } from '../../../modules/reports/format.js';
import type { AuthorizedClass } from '../../../modules/staff/authorize.js';
import { html, type SafeHtml } from '../html.js';
import { csrfField, layout } from '../layout.js';
import type { SignedIn } from '../request-state.js';
import { dataTable, options } from '../table-html.js';
import { codesList, filterQuery, filtersForm, summaryTable, type CodesFilter } from './codes-list-view.js';

export interface ConsentPageData {
  classes: AuthorizedClass[];
  filter: CodesFilter;
  summary: ClassCodeSummary[];
  codes: ConsentCodeListing[];
  total: number;
  pageSize: number;
  /** The chat messengers the school offers, for the channel a family ticked on its form. */
  chatChannels: readonly string[];
  message?: SafeHtml;
  /** Values of the record form to show again after an error. */
  form?: Record<string, string>;
}

function recordForm(s: SignedIn, classId: string, form: Record<string, string>, chatChannels: readonly string[]): SafeHtml {
  const { t } = s;
  const v = (name: string) => form[name] ?? '';
  return html`<form method="post" action="/staff/admin/consent-codes/record" class="card" id="record">
  <h2>${t('staff:consent.recordTitle')}</h2>
  <p class="hint">${t('staff:consent.recordHint')}</p>
  ${csrfField(s)}<input type="hidden" name="classId" value="${classId}">
  <label>${t('staff:consent.code')}<input name="code" required autocomplete="off" spellcheck="false" value="${v('code')}" placeholder="XXXX-XXXX-XXXX-XX"></label>
  <fieldset class="choice"><legend>${t('staff:consent.decision')}</legend>
    <label class="check"><input type="radio" name="decision" value="signed"${v('decision') !== 'refused' ? html` checked` : ''}> ${t('staff:consent.signed')}</label>
    <label class="check"><input type="radio" name="decision" value="refused"${v('decision') === 'refused' ? html` checked` : ''}> ${t('staff:consent.refused')}</label>
  </fieldset>
  <label>${t('staff:consent.guardianName')}<input name="guardianName" autocomplete="off" value="${v('guardianName')}"></label>
  <label>${t('staff:consent.email')}<input type="email" name="email" autocomplete="off" value="${v('email')}"></label>
  <label>${t('staff:consent.phone')}<input type="tel" name="phone" autocomplete="off" value="${v('phone')}"></label>
  <label>${t('staff:consent.channel')}<select name="channel">${options(
    [
      { value: '', label: t('staff:consent.channelNone') },
      ...chatChannels.map((c) => ({ value: c, label: t(`staff:channel.${c}`) })),
      { value: 'email', label: t('staff:channel.email') },
      { value: 'paper', label: t('staff:channel.paper') },
    ],
    v('channel'),
  )}</select></label>
  <label>${t('staff:consent.documentDate')}<input type="date" name="documentDate" value="${v('documentDate')}"></label>
  <button type="submit">${t('staff:consent.recordSubmit')}</button>
</form>`;
}

export function consentPage(s: SignedIn, data: ConsentPageData): SafeHtml {
  const { t } = s;
  const f = data.filter;
  const issueClass = f.class || data.classes[0]?.id || '';
  const body = html`${data.message}
${summaryTable(s, data.summary)}
<div class="grid">
${data.classes.length > 0
  ? html`<form method="post" action="/staff/admin/consent-codes/issue" class="card">
  <h2>${t('codes-page:issue.title')}</h2>
  <p class="hint">${t('staff:consent.issueHint')}</p>
  ${csrfField(s)}
  <label>${t('staff:col.class')}<select name="classId">${options(data.classes.map((c) => ({ value: c.id, label: c.name })), issueClass)}</select></label>
  <label>${t('staff:consent.perStudent')}<input type="number" name="perStudent" min="1" max="4" value="1"></label>
  <label>${t('staff:consent.codesFor')}<select name="for"><option value="guardians" selected>${t('staff:consent.forGuardians')}</option><option value="students">${t('staff:consent.forStudents')}</option></select></label>
  <button type="submit">${t('staff:consent.issueSubmit')}</button>
</form>`
  : ''}
${recordForm(s, f.class, data.form ?? {}, data.chatChannels)}
<form method="post" action="/staff/admin/consent-codes/revoke" class="card">
  <h2>${t('staff:consent.revokeTitle')}</h2>
  <p class="hint">${t('staff:consent.revokeHint')}</p>
  ${csrfField(s)}<input type="hidden" name="classId" value="${f.class}">
  <label>${t('staff:consent.code')}<input name="code" required autocomplete="off" spellcheck="false"></label>
  <button type="submit" class="danger">${t('staff:consent.revokeSubmit')}</button>
</form>
</div>
${filtersForm(s, data.classes, f)}
${codesList(s, { codes: data.codes, total: data.total, pageSize: data.pageSize, filter: f, classes: data.classes })}`;
  return layout(s, { title: t('staff:consent.title'), path: '/staff/admin/consent-codes', query: filterQuery(f), body });
}

export interface IssuedView {
  className: string;
  codes: Array<{ code: string; studentName: string; expiresAt: Date; className?: string }>;
  /** Student codes: handed out as a list, since the printed form is the guardians' consent form. */
  forStudents?: boolean;
  /** A heading and notice of the caller's own (reissued codes). */
  title?: string;
  notice?: string;
}

/** Shown once after issuing: the plain codes exist only here and in the downloads. */
export function issuedPage(s: SignedIn, issued: IssuedView, classId: string, message?: SafeHtml): SafeHtml {
  const { t, lang } = s;
  const hidden = html`${csrfField(s)}<input type="hidden" name="classId" value="${classId}">${issued.codes.map((c) => html`<input type="hidden" name="code" value="${c.code}">`)}`;
  const body = html`${message ?? html`<p class="notice ok" role="status">${issued.notice ?? t('staff:consent.issued', { count: issued.codes.length, className: issued.className })}</p>`}
<p class="hint">${t(issued.forStudents ? 'staff:consent.issuedStudentHint' : 'staff:consent.issuedHint')}</p>
<div class="exports">
${issued.forStudents ? '' : html`<form method="post" action="/staff/admin/consent-codes/download" class="inline">${hidden}<input type="hidden" name="format" value="pdf"><button type="submit">${t('staff:consent.downloadPdf')}</button></form>`}
<form method="post" action="/staff/admin/consent-codes/download" class="inline">${hidden}<input type="hidden" name="format" value="csv"><button type="submit">${t('staff:consent.downloadCsv')}</button></form>
<a class="button secondary" href="/staff/admin/consent-codes?class=${classId}">${t('staff:consent.backToList')}</a>
</div>
${dataTable(
  [
    ...(issued.codes.some((c) => c.className) ? [{ label: t('staff:col.class'), cell: (c: IssuedView['codes'][number]) => c.className ?? '' }] : []),
    { label: t('staff:col.student'), cell: (c: IssuedView['codes'][number]) => c.studentName },
    { label: t('staff:consent.code'), cell: (c: IssuedView['codes'][number]) => html`<code>${c.code}</code>` },
    { label: t('staff:consent.expiresAt'), cell: (c: IssuedView['codes'][number]) => formatInstant(c.expiresAt, s.school.timezone, lang) },
  ],
  issued.codes,
  '',
)}`;
  return layout(s, { title: issued.title ?? t('staff:consent.issuedTitle'), path: '/staff/admin/consent-codes', body });
}
