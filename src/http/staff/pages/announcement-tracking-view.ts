// One announcement's tracking page: its text and attachment, totals, and family by family
// the channel it arrived on, when, whether it was read and acknowledged, and reminders.
import { formatInstant } from '../../../modules/reports/format.js';
import { html, type SafeHtml } from '../html.js';
import { csrfField } from '../layout.js';
import type { SignedIn } from '../request-state.js';
import { dataTable } from '../table-html.js';
import type { AnnouncementTracking, FamilyTracking } from '../../../modules/announcements/types.js';
import { statusBadge, whenText } from './announcement-list-view.js';
import { messageBubble } from './announcement-preview-view.js';

function at(s: SignedIn, value: Date | null): string {
  return value ? formatInstant(value, s.school.timezone, s.lang) : '';
}

function yesAt(s: SignedIn, value: Date | null, otherwise: string): string {
  return value ? s.t('announcement-pages:tracking.yes', { at: at(s, value) }) : otherwise;
}

function channelName(s: SignedIn, channel: string | null): string {
  return channel ? s.t(`staff:channel.${channel}`, { defaultValue: channel }) : s.t('announcement-pages:tracking.never');
}

function deliveredCell(s: SignedIn, family: FamilyTracking): string {
  if (family.deliveredAt) return at(s, family.deliveredAt);
  return s.t(`announcements:deliveryStatus.${family.status}`);
}

function acknowledgedCell(s: SignedIn, family: FamilyTracking): string {
  if (!family.acknowledgedAt) return s.t('announcement-pages:tracking.no');
  const where = family.acknowledgedOn ? channelName(s, family.acknowledgedOn) : '';
  return where ? s.t('announcement-pages:tracking.yesOn', { at: at(s, family.acknowledgedAt), channel: where }) : yesAt(s, family.acknowledgedAt, '');
}

/** Families a reminder would reach: those who have not done what was asked; paper is not reminded. */
export function awaited(view: AnnouncementTracking): FamilyTracking[] {
  const ack = view.announcement.ackRequired;
  return view.families.filter((f) => (ack ? !f.acknowledgedAt : !f.readAt) && f.status !== 'paper');
}

export function trackingPath(id: string): string {
  return `/staff/announcements/${id}`;
}

export function trackingBody(s: SignedIn, view: AnnouncementTracking, options: { pendingOnly: boolean; message?: SafeHtml }): SafeHtml {
  const { t } = s;
  const { announcement: a, totals } = view;
  const path = trackingPath(a.id);
  const pending = view.families.filter((f) => (a.ackRequired ? !f.acknowledgedAt : !f.readAt));
  const remindable = awaited(view);
  const shown = options.pendingOnly ? pending : view.families;
  const total = (label: string, value: number) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`;
  return html`${options.message ?? ''}
<p><a href="/staff/announcements">${t('announcement-pages:tracking.back')}</a></p>
<div class="preview-grid">
<section class="card" aria-labelledby="message-h">
  <h2 id="message-h">${t('announcement-pages:tracking.text')}</h2>
  <p class="hint">${a.status === 'sending' || a.status === 'cancelled' ? html`${statusBadge(s, a.status)} ` : ''}${whenText(s, a)}</p>
  ${messageBubble(s, {
    text: a.text,
    ackRequired: a.ackRequired,
    urgent: a.urgent,
    authorName: a.authorName,
    classNames: a.audience.kind === 'school' ? [] : a.audience.classes.map((c) => c.name),
    attachment: a.attachment,
    sentAt: a.sentAt ?? a.sendAt,
  })}
  ${a.attachment ? html`<p><a href="${path}/attachment" download>${t('announcement-pages:tracking.download', { name: a.attachment.fileName })}</a></p>` : ''}
</section>
<section class="card" aria-labelledby="totals-h">
  <h2 id="totals-h">${t('announcement-pages:tracking.totals')}</h2>
  <dl class="totals">
    ${total(t('announcement-pages:tracking.recipients'), totals.recipients)}
    ${total(t('announcement-pages:tracking.delivered'), totals.delivered)}
    ${total(t('announcement-pages:tracking.read'), totals.read)}
    ${a.ackRequired ? total(t('announcement-pages:tracking.acknowledged'), totals.acknowledged) : ''}
    ${a.ackRequired ? total(t('announcement-pages:tracking.notAcknowledged'), totals.notAcknowledged) : ''}
  </dl>
  ${a.ackRequired ? '' : html`<p class="hint">${t('announcement-pages:tracking.ackNotRequired')}</p>`}
  <div class="actions">
    ${view.canRemind && remindable.length > 0
      ? html`<form method="post" action="${path}/remind" class="inline">${csrfField(s)}<button type="submit">${t(a.ackRequired ? 'announcement-pages:tracking.remind' : 'announcement-pages:tracking.remindUnread', { count: remindable.length })}</button></form>`
      : view.nextReminderAt
        ? html`<p class="hint">${t('announcement-pages:tracking.nextReminder', { at: at(s, view.nextReminderAt) })}</p>`
        : ''}
    <a class="button secondary" href="${path}/export.csv" download>${t('announcement-pages:tracking.csv')}</a>
  </div>
</section>
</div>
${view.families.length > 0
  ? html`<form method="get" action="${path}" class="filters">
  <label class="check"><input type="checkbox" name="pending" value="1"${options.pendingOnly ? html` checked` : ''}> ${t(a.ackRequired ? 'announcement-pages:tracking.onlyPending' : 'announcement-pages:tracking.onlyUnread')}</label>
  <button type="submit">${t('announcement-pages:tracking.filter')}</button>
</form>`
  : ''}
${view.families.length === 0 && (a.status === 'scheduled' || a.status === 'cancelled')
  ? html`<p class="empty">${t(a.status === 'scheduled' ? 'announcement-pages:tracking.notSentYet' : 'announcement-pages:tracking.cancelledNote')}</p>`
  : options.pendingOnly && shown.length === 0 && view.families.length > 0
  ? html`<p class="empty">${t(a.ackRequired ? 'announcement-pages:tracking.allAcknowledged' : 'announcement-pages:tracking.allRead')}</p>`
  : dataTable<FamilyTracking>(
      [
        { label: t('announcement-pages:col.family'), cell: (f) => f.guardianName },
        { label: t('announcement-pages:col.children'), cell: (f) => f.studentNames.map((name, i) => html`${i > 0 ? html`<br>` : ''}${name}${f.classNames[i] ? `, ${f.classNames[i]}` : ''}`) },
        { label: t('announcement-pages:col.channel'), cell: (f) => channelName(s, f.channel) },
        { label: t('announcement-pages:col.deliveredAt'), cell: (f) => deliveredCell(s, f), className: (f) => (f.status === 'failed' ? 'bad' : undefined) },
        { label: t('announcement-pages:col.read'), cell: (f) => yesAt(s, f.readAt, t('announcement-pages:tracking.notYet')) },
        {
          label: t('announcement-pages:col.acknowledged'),
          cell: (f) => (a.ackRequired ? acknowledgedCell(s, f) : t('announcement-pages:tracking.notRequired')),
          className: (f) => (a.ackRequired && !f.acknowledgedAt ? 'warn' : undefined),
        },
        { label: t('announcement-pages:col.reminded'), cell: (f) => (f.remindedAt ? at(s, f.remindedAt) : t('announcement-pages:tracking.never')) },
      ],
      shown,
      t('announcement-pages:tracking.empty'),
    )}`;
}
