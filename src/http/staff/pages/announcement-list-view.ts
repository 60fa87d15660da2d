// The announcements list: newest first, a page at a time, each with its status, audience,
// author and how far it got (delivered, read, acknowledged) as numbers and a small bar.
import { isWhollyTheirs } from '../../../modules/announcements/authorize-announcement.js';
import { formatInstant } from '../../../modules/reports/format.js';
import { html, withQuery, type SafeHtml } from '../html.js';
import { csrfField } from '../layout.js';
import type { SignedIn } from '../request-state.js';
import { dataTable } from '../table-html.js';
import type { AnnouncementCounts, AnnouncementStatusShown, AnnouncementSummary } from '../../../modules/announcements/types.js';
import { audienceText } from './announcement-preview-view.js';

export const LIST_PATH = '/staff/announcements';

export interface AnnouncementListPage {
  rows: AnnouncementSummary[];
  page: number;
  pages: number;
}

/** "Доставлено 5 из 6 · …" and a bar of the share that matters most: acknowledged, or else read. */
export function progress(s: SignedIn, counts: AnnouncementCounts, ackRequired: boolean): SafeHtml {
  const { t } = s;
  if (counts.recipients === 0) return html`<span class="hint">${t('announcement-pages:list.noRecipients')}</span>`;
  const text = t(ackRequired ? 'announcement-pages:list.countsAck' : 'announcement-pages:list.counts', { ...counts });
  // The numbers are in the text next to it; the bars only make them quick to compare.
  return html`<div class="progress"><span class="bars" aria-hidden="true">
  <progress class="delivered" max="${counts.recipients}" value="${counts.delivered}"></progress>
  <progress class="${ackRequired ? 'acknowledged' : 'read'}" max="${counts.recipients}" value="${ackRequired ? counts.acknowledged : counts.read}"></progress>
</span><span class="progress-text">${text}</span></div>`;
}

/** When it went, or will go: what the list's first column and the tracking page say. */
export function whenText(s: SignedIn, row: AnnouncementSummary): string {
  const at = (d: Date) => formatInstant(d, s.school.timezone, s.lang);
  if (row.status === 'scheduled') return s.t('announcement-pages:list.scheduledAt', { at: at(row.sendAt) });
  if (row.status === 'cancelled') return s.t('announcement-pages:list.createdAt', { at: at(row.createdAt) });
  return s.t('announcement-pages:list.sentAt', { at: at(row.sentAt ?? row.sendAt) });
}

/** A scheduled announcement can be cancelled: behind a disclosure, so it takes a second, deliberate press. */
function cancelControl(s: SignedIn, row: AnnouncementSummary): SafeHtml | '' {
  if (row.status !== 'scheduled') return '';
  // One to other classes too is the administration's to withdraw, not a class teacher's.
  const classIds = row.audience.kind === 'classes' ? row.audience.classes.map((c) => c.id) : [];
  if (!isWhollyTheirs(s.user, row.audience.kind, classIds)) return '';
  const { t } = s;
  return html`<details class="row-menu announcement-cancel"><summary>${t('announcement-pages:list.cancel')}</summary>
  <form method="post" action="/staff/announcements/${row.id}/cancel">${csrfField(s)}
    <p>${t('announcement-pages:list.cancelQuestion')}</p>
    <button type="submit" class="danger small">${t('announcement-pages:list.cancelConfirm')}</button>
  </form></details>`;
}

export function statusBadge(s: SignedIn, status: AnnouncementStatusShown): SafeHtml {
  return html`<span class="status announcement-${status}">${s.t(`announcements:status.${status}`)}</span>`;
}

export function listBody(s: SignedIn, list: AnnouncementListPage, message?: SafeHtml): SafeHtml {
  const { t } = s;
  const pager =
    list.pages > 1
      ? html`<nav class="pager" aria-label="${t('announcement-pages:list.pagination')}">
  ${list.page > 1 ? html`<a href="${withQuery(LIST_PATH, { page: list.page - 1 })}" rel="prev">${t('announcement-pages:list.previous')}</a>` : ''}
  <span>${t('announcement-pages:list.page', { page: list.page, pages: list.pages })}</span>
  ${list.page < list.pages ? html`<a href="${withQuery(LIST_PATH, { page: list.page + 1 })}" rel="next">${t('announcement-pages:list.next')}</a>` : ''}
</nav>`
      : '';
  return html`${message ?? ''}
<p class="exports"><a class="button" href="/staff/announcements/new">${t('announcement-pages:list.new')}</a></p>
<div class="announcement-list">${dataTable<AnnouncementSummary>(
  [
    { label: t('announcement-pages:col.when'), cell: (r) => whenText(s, r) },
    { label: t('announcement-pages:col.status'), cell: (r) => statusBadge(s, r.status) },
    { label: t('announcement-pages:col.audience'), cell: (r) => audienceText(s, r.audience) },
    { label: t('announcement-pages:col.author'), cell: (r) => r.authorName ?? s.t(`announcement-pages:author.${r.authorType}`, { defaultValue: r.authorType }) },
    { label: t('announcement-pages:col.text'), cell: (r) => html`<a href="/staff/announcements/${r.id}">${r.textPreview}</a>`, className: () => 'announcement-text' },
    { label: t('announcement-pages:col.progress'), cell: (r) => (r.status === 'cancelled' || r.status === 'scheduled' ? '' : progress(s, r.counts, r.ackRequired)) },
    { label: t('announcement-pages:col.actions'), cell: (r) => cancelControl(s, r) },
  ],
  list.rows,
  t('announcement-pages:list.empty'),
)}</div>
${pager}`;
}
