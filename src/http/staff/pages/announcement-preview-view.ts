// The preview step: the message as a family will see it, who it reaches and by which
// channel, and one form that either sends it or goes back to the compose form. Every field
// rides along hidden, so «Edit» brings back exactly what was written.
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

/** The message drawn like a chat bubble, with its Acknowledge button when one is asked for. */
export function messageBubble(s: SignedIn, message: { text: string; ackRequired: boolean; attachmentName: string | null }): SafeHtml {
  const { t } = s;
  return html`<div class="bubble">
  <p class="bubble-from">${t('announcement-pages:preview.from', { school: s.school.name })}</p>
  <div class="bubble-text">${message.text}</div>
  ${message.attachmentName ? html`<p class="bubble-file">${t('announcement-pages:preview.attachment', { name: message.attachmentName })}</p>` : ''}
  ${message.ackRequired ? html`<p class="bubble-buttons"><span class="chat-button">${t('announcement-pages:preview.ackButton')}</span></p>` : ''}
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
  ${messageBubble(s, { text: values.text, ackRequired: values.ackRequired, attachmentName: values.attachment?.fileName ?? null })}
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
    <thead><tr><th scope="col">${t('announcement-pages:col.channel')}</th><th scope="col">${t('announcement-pages:col.family')}</th></tr></thead>
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
