import type { ConsentCodeListing } from '../../../modules/consent/list-consent-codes.js';
import { describeChannels } from '../../../modules/reports/ack-report-table.js';
import { formatInstant } from '../../../modules/reports/format.js';
import type { AuthorizedClass } from '../../../modules/staff/authorize.js';
import { html, type SafeHtml } from '../html.js';
import { csrfField, layout } from '../layout.js';
import type { SignedIn } from '../request-state.js';
import { dataTable, options } from '../table-html.js';

export interface ConsentPageData {
  classes: AuthorizedClass[];
  selected: AuthorizedClass | null;
  codes: ConsentCodeListing[];
  /** The chat messengers the school offers, for the channel a family ticked on its form. */
  chatChannels: readonly string[];
  message?: SafeHtml;
  /** Values of the record form to show again after an error. */
  form?: Record<string, string>;
}

function recordForm(s: SignedIn, selected: AuthorizedClass | null, form: Record<string, string>, chatChannels: readonly string[]): SafeHtml {
  const { t } = s;
  const v = (name: string) => form[name] ?? '';
  return html`<form method="post" action="/staff/admin/consent-codes/record" class="card" id="record">
  <h2>${t('staff:consent.recordTitle')}</h2>
  <p class="hint">${t('staff:consent.recordHint')}</p>
  ${csrfField(s)}<input type="hidden" name="classId" value="${selected?.id ?? ''}">
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
  const { t, lang } = s;
  const tz = s.school.timezone;
  const selected = data.selected;
  const body = html`${data.message}
<form method="get" action="/staff/admin/consent-codes" class="filters">
  <label>${t('staff:col.class')}<select name="class">${options(data.classes.map((c) => ({ value: c.id, label: c.name })), selected?.id ?? '')}</select></label>
  <button type="submit">${t('staff:filters.show')}</button>
</form>
<div class="grid">
${selected
  ? html`<form method="post" action="/staff/admin/consent-codes/issue" class="card">
  <h2>${t('staff:consent.issueTitle', { className: selected.name })}</h2>
  <p class="hint">${t('staff:consent.issueHint')}</p>
  ${csrfField(s)}<input type="hidden" name="classId" value="${selected.id}">
  <label>${t('staff:consent.perStudent')}<input type="number" name="perStudent" min="1" max="4" value="1"></label>
  <label>${t('staff:consent.codesFor')}<select name="for"><option value="guardians" selected>${t('staff:consent.forGuardians')}</option><option value="students">${t('staff:consent.forStudents')}</option></select></label>
  <button type="submit">${t('staff:consent.issueSubmit')}</button>
</form>`
  : ''}
${recordForm(s, selected, data.form ?? {}, data.chatChannels)}
<form method="post" action="/staff/admin/consent-codes/revoke" class="card">
  <h2>${t('staff:consent.revokeTitle')}</h2>
  <p class="hint">${t('staff:consent.revokeHint')}</p>
  ${csrfField(s)}<input type="hidden" name="classId" value="${selected?.id ?? ''}">
  <label>${t('staff:consent.code')}<input name="code" required autocomplete="off" spellcheck="false"></label>
  <button type="submit" class="danger">${t('staff:consent.revokeSubmit')}</button>
</form>
</div>
<h2>${t('staff:consent.listTitle')}</h2>
${dataTable<ConsentCodeListing>(
  [
    { label: t('staff:col.student'), cell: (c) => c.studentName },
    { label: t('staff:col.status'), cell: (c) => html`<span class="status ${c.status}">${t(`staff:codeStatus.${c.status}`)}</span>` },
    { label: t('staff:consent.decision'), cell: (c) => (c.decision ? t(`staff:consent.${c.decision}`) : '—') },
    { label: t('staff:col.channels'), cell: (c) => (c.decision === 'signed' ? describeChannels(c.channels, t) : '—'), className: (c) => (c.decision === 'signed' && !c.channels.some((ch) => ch.works) ? 'bad' : undefined) },
    { label: t('staff:consent.issuedAt'), cell: (c) => formatInstant(c.issuedAt, tz, lang) },
    { label: t('staff:consent.expiresAt'), cell: (c) => formatInstant(c.expiresAt, tz, lang) },
    { label: t('staff:consent.changedAt'), cell: (c) => formatInstant(c.redeemedAt ?? c.revokedAt ?? c.activatedAt, tz, lang) },
    {
      label: '',
      cell: (c) =>
        ['issued', 'active', 'expired'].includes(c.status)
          ? html`<form method="post" action="/staff/admin/consent-codes/revoke" class="inline">${csrfField(s)}<input type="hidden" name="classId" value="${selected?.id ?? ''}"><input type="hidden" name="codeId" value="${c.id}"><button type="submit" class="danger small">${t('staff:consent.revokeSubmit')}</button></form>`
          : '',
    },
  ],
  data.codes,
  t('staff:consent.noCodes'),
)}`;
  return layout(s, { title: t('staff:consent.title'), path: '/staff/admin/consent-codes', query: { class: selected?.id ?? '' }, body });
}

export interface IssuedView {
  className: string;
  codes: Array<{ code: string; studentName: string; expiresAt: Date }>;
  /** Student codes: handed out as a list, since the printed form is the guardians' consent form. */
  forStudents?: boolean;
}

/** Shown once after issuing: the plain codes exist only here and in the downloads. */
export function issuedPage(s: SignedIn, issued: IssuedView, classId: string, message?: SafeHtml): SafeHtml {
  const { t, lang } = s;
  const hidden = html`${csrfField(s)}<input type="hidden" name="classId" value="${classId}">${issued.codes.map((c) => html`<input type="hidden" name="code" value="${c.code}">`)}`;
  const body = html`${message ?? html`<p class="notice ok" role="status">${t('staff:consent.issued', { count: issued.codes.length, className: issued.className })}</p>`}
<p class="hint">${t(issued.forStudents ? 'staff:consent.issuedStudentHint' : 'staff:consent.issuedHint')}</p>
<div class="exports">
${issued.forStudents ? '' : html`<form method="post" action="/staff/admin/consent-codes/download" class="inline">${hidden}<input type="hidden" name="format" value="pdf"><button type="submit">${t('staff:consent.downloadPdf')}</button></form>`}
<form method="post" action="/staff/admin/consent-codes/download" class="inline">${hidden}<input type="hidden" name="format" value="csv"><button type="submit">${t('staff:consent.downloadCsv')}</button></form>
<a class="button secondary" href="/staff/admin/consent-codes?class=${classId}">${t('staff:consent.backToList')}</a>
</div>
${dataTable(
  [
    { label: t('staff:col.student'), cell: (c: IssuedView['codes'][number]) => c.studentName },
    { label: t('staff:consent.code'), cell: (c: IssuedView['codes'][number]) => html`<code>${c.code}</code>` },
    { label: t('staff:consent.expiresAt'), cell: (c: IssuedView['codes'][number]) => formatInstant(c.expiresAt, s.school.timezone, lang) },
  ],
  issued.codes,
  '',
)}`;
  return layout(s, { title: t('staff:consent.issuedTitle'), path: '/staff/admin/consent-codes', body });
}
