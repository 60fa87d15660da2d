// The preview step: the message as a family will see it, who it reaches and by which
// channel, and one form that either sends it or goes back to the compose form. Every field
// rides along hidden, so «Edit» brings back exactly what was written.
import { describeAuthor } from '../../../modules/announcements/describe-author.js';
import { renderAnnouncement } from '../../../modules/delivery/render/render-announcement.js';
import { formatInstant } from '../../../modules/reports/format.js';
import { html, type SafeHtml } from '../html.js';
import { csrfField } from '../layout.js';
import type { SignedIn } from '../request-state.js';
import type { AnnouncementPreview } from '../../../modules/announcements/types.js';
import type { AnnouncementFormValues } from './announcement-form.js';
import { COMPOSE_PATH, keptAttachmentFields } from './announcement-compose-view.js';

export const PREVIEW_CHANNELS = ['telegram', 'max', 'email', 'webpush', 'paper'] as const;

function hiddenFields(s: SignedIn, values: AnnouncementFormValues): SafeHtml {
  const hidden = (name: string, value: string) => html`<input type="hidden" name="${name}" value="${value}">`;
  return html`${csrfField(s)}
${s.user.role === 'admin' ? hidden('audience', values.audience) : ''}
${s.user.role === 'admin' ? values.classIds.map((id) => hidden('classIds', id)) : ''}
${hidden('text', values.text)}
${values.ackRequired ? hidden('ackRequired', 'on') : ''}
${values.urgent ? hidden('urgent', 'on') : ''}
${hidden('when', values.when)}${hidden('date', values.date)}${hidden('time', values.time)}
${keptAttachmentFields(values)}`;
}

/** "Вся школа" or the classes by name. */
export function audienceText(s: SignedIn, audience: { kind: 'school' } | { kind: 'classes'; classes: Array<{ name: string }> }): string {
  return audience.kind === 'school' ? s.t('announcement-pages:audience.school') : s.t('announcement-pages:audience.classes', { names: audience.classes.map((c) => c.name).join(', ') });
}

export interface BubbleMessage {
  text: string;
  ackRequired: boolean;
  urgent: boolean;
  authorName: string | null;
  /** Empty for the whole school. */
  classNames: string[];
  attachment: { fileName: string; mimeType: string; size: number } | null;
  sentAt: Date;
}

/**
 * The message as a family's chat shows it, from the same message model the senders use
 * (render-announcement.ts), with the Acknowledge button when one is asked for.
 */
export function messageBubble(s: SignedIn, message: BubbleMessage): SafeHtml {
  const { t, lang } = s;
  const content = renderAnnouncement(t, {
    cause: 'announcement:preview',
    ackReference: 'announcement:preview',
    lang,
    announcementId: 'preview',
    schoolName: s.school.name,
    authorName: message.authorName,
    classNames: message.classNames,
    text: message.text,
    ackRequired: message.ackRequired,
    urgent: message.urgent,
    attachment: message.attachment,
    sentAt: message.sentAt.toISOString(),
  });
  return html`<div class="bubble">
  <p class="bubble-title">${content.title}</p>
  ${content.subtitle ? html`<p class="bubble-from">${content.subtitle}</p>` : ''}
  ${content.sections.map((section) => html`<div class="bubble-text">${section.lines.join('\n')}</div>`)}
  ${content.note ? html`<p class="bubble-note">${content.note}</p>` : ''}
  ${message.ackRequired ? html`<p class="bubble-buttons"><span class="chat-button">${t('notifications:ack.button')}</span></p>` : ''}
</div>`;
}

export function previewBody(s: SignedIn, values: AnnouncementFormValues, reach: AnnouncementPreview, sendAt: Date | null): SafeHtml {
  const { t, lang } = s;
  const audience = audienceText(s, values.audience === 'school' && s.user.role === 'admin' ? { kind: 'school' } : { kind: 'classes', classes: reach.classes });
  const quiet =
    reach.quietHoursDeferred === 0
      ? t('announcement-pages:preview.quietNone')
      : t(values.urgent ? 'announcement-pages:preview.quietUrgent' : 'announcement-pages:preview.quietNow', { count: reach.quietHoursDeferred });
  return html`<div class="preview-grid">
<section class="card" aria-labelledby="as-family">
  <h2 id="as-family">${t('announcement-pages:preview.asFamilySees')}</h2>
  ${messageBubble(s, {
    text: values.text.replace(/\r\n?/g, '\n').trim(),
    ackRequired: values.ackRequired,
    urgent: values.urgent,
    authorName: describeAuthor(s.user).authorName,
    classNames: values.audience === 'school' && s.user.role === 'admin' ? [] : reach.classes.map((c) => c.name),
    attachment: values.attachment ? { fileName: values.attachment.fileName, mimeType: values.attachment.mimeType, size: values.attachment.bytes.length } : null,
    sentAt: reach.sendAt,
  })}
</section>
<section class="card" aria-labelledby="reach">
  <h2 id="reach">${t('announcement-pages:preview.reach')}</h2>
  <p>${t('announcement-pages:preview.audience', { audience })}</p>
  <ul class="reach-totals">
    <li>${t('announcement-pages:preview.families', { count: reach.recipients })}</li>
    <li>${t('announcement-pages:preview.students', { count: reach.students })}</li>
  </ul>
  ${reach.recipients === 0 ? html`<p class="notice info" role="status">${t('announcement-pages:preview.noRecipients')}</p>` : ''}
  <h3>${t('announcement-pages:preview.byChannel')}</h3>
  <table class="by-channel">
    <thead><tr><th scope="col">${t('announcement-pages:col.channel')}</th><th scope="col" class="num">${t('announcement-pages:preview.familiesColumn')}</th></tr></thead>
    <tbody>${PREVIEW_CHANNELS.map((c) => html`<tr><th scope="row">${t(`staff:channel.${c}`)}</th><td class="num">${reach.byChannel[c] ?? 0}</td></tr>`)}</tbody>
  </table>
  <p>${quiet}</p>
  <p>${sendAt ? t('announcement-pages:preview.scheduled', { at: formatInstant(sendAt, s.school.timezone, lang) }) : t('announcement-pages:preview.sendNow')}</p>
  ${values.ackRequired ? html`<p>${t('announcement-pages:preview.ack')}</p>` : ''}
  ${values.urgent ? html`<p><strong>${t('announcement-pages:preview.urgent')}</strong></p>` : ''}
</section>
</div>
<form method="post" action="${COMPOSE_PATH}" enctype="multipart/form-data" class="actions">
  ${hiddenFields(s, values)}
  <button type="submit" name="step" value="send">${sendAt ? t('announcement-pages:preview.schedule') : t('announcement-pages:preview.send')}</button>
  <button type="submit" name="step" value="edit" class="secondary">${t('announcement-pages:preview.edit')}</button>
</form>`;
}
