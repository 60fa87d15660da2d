// The compose form: pure, from the form's values (and its errors, each shown next to its
// field) to HTML. The same form is drawn empty, after a refused preview with everything kept,
// and after «Edit» on the preview page.
import { html, type HtmlValue, type SafeHtml } from '../html.js';
import { csrfField, notice } from '../layout.js';
import type { SignedIn } from '../request-state.js';
import { MAX_ANNOUNCEMENT_TEXT, MAX_ATTACHMENT_BYTES } from '../../../modules/announcements/types.js';
import type { AnnouncementFormValues, FieldErrors, FormField } from './announcement-form.js';

export const COMPOSE_PATH = '/staff/announcements/new';

export interface PickableClass {
  id: string;
  name: string;
  grade: number | null;
}

function errorId(field: FormField): string {
  return `${field}-error`;
}

function fieldError(errors: FieldErrors, field: FormField): SafeHtml | '' {
  const message = errors[field];
  return message ? html`<p class="field-error" id="${errorId(field)}">${message}</p>` : '';
}

/** aria-describedby naming the hint and, when there is one, the error; and aria-invalid. */
function described(errors: FieldErrors, field: FormField, hintId?: string): SafeHtml {
  const ids = [hintId, errors[field] ? errorId(field) : undefined].filter(Boolean).join(' ');
  return html`${ids ? html` aria-describedby="${ids}"` : ''}${errors[field] ? html` aria-invalid="true"` : ''}`;
}

export function fileSize(bytes: number, lang: string): string {
  const kb = bytes / 1024;
  const text = kb < 1024 ? `${Math.max(1, Math.round(kb))} ${lang === 'ru' ? 'КБ' : 'KB'}` : `${(kb / 1024).toFixed(1)} ${lang === 'ru' ? 'МБ' : 'MB'}`;
  return lang === 'ru' ? text.replace('.', ',') : text;
}

/** The attachment that came with an earlier step, as hidden fields (see announcement-form.ts). */
export function keptAttachmentFields(values: AnnouncementFormValues): SafeHtml | '' {
  const file = values.attachment;
  if (!file) return '';
  return html`<input type="hidden" name="keptName" value="${file.fileName}"><input type="hidden" name="keptType" value="${file.mimeType}"><input type="hidden" name="keptData" value="${file.bytes.toString('base64')}">`;
}

function audienceFieldset(s: SignedIn, values: AnnouncementFormValues, errors: FieldErrors, classes: PickableClass[]): SafeHtml {
  const { t, user } = s;
  const legend = html`<legend>${t('announcement-pages:audience.legend')}</legend>`;
  if (user.role !== 'admin') {
    const own = classes[0]?.name ?? '';
    return html`<fieldset class="audience">${legend}<p>${t('announcement-pages:audience.ownClass', { name: own })}</p></fieldset>`;
  }
  const grades = new Map<number | null, PickableClass[]>();
  for (const c of classes) grades.set(c.grade, [...(grades.get(c.grade) ?? []), c]);
  const chosen = new Set(values.classIds);
  const radio = (value: 'school' | 'classes', label: string) =>
    html`<label class="check"><input type="radio" name="audience" value="${value}"${values.audience === value ? html` checked` : ''}> ${label}</label>`;
  return html`<fieldset class="audience"${described(errors, 'audience')}>${legend}
  ${fieldError(errors, 'audience')}
  <div class="choices">${radio('school', t('announcement-pages:audience.wholeSchool'))}${radio('classes', t('announcement-pages:audience.chosenClasses'))}</div>
  <div class="class-picker">${[...grades].map(
    ([grade, list]) => html`<fieldset class="grade"><legend>${grade === null ? t('announcement-pages:audience.otherGrade') : t('announcement-pages:audience.grade', { grade })}</legend>
    ${list.map((c) => html`<label class="check"><input type="checkbox" name="classIds" value="${c.id}"${chosen.has(c.id) ? html` checked` : ''}> ${c.name}</label>`)}</fieldset>`,
  )}</div>
</fieldset>`;
}

function attachmentField(s: SignedIn, values: AnnouncementFormValues, errors: FieldErrors): SafeHtml {
  const { t, lang } = s;
  const file = values.attachment;
  const accept = '.pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg';
  const kept = file && !errors.attachment;
  return html`<div class="field">
  ${kept
    ? html`<p class="kept-file">${t('announcement-pages:compose.attachmentKept', { name: file.fileName, size: fileSize(file.bytes.length, lang) })}</p>
  ${keptAttachmentFields(values)}
  <label class="check"><input type="checkbox" name="removeAttachment" value="on"> ${t('announcement-pages:compose.attachmentRemove')}</label>`
    : ''}
  <label for="attachment">${kept ? t('announcement-pages:compose.attachmentReplace') : t('announcement-pages:compose.attachment')}</label>
  <input type="file" id="attachment" name="attachment" accept="${accept}"${described(errors, 'attachment', 'attachment-hint')}>
  <p class="hint" id="attachment-hint">${t('announcement-pages:compose.attachmentHint', { size: MAX_ATTACHMENT_BYTES / 1024 / 1024 })}</p>
  ${fieldError(errors, 'attachment')}
</div>`;
}

function whenFieldset(s: SignedIn, values: AnnouncementFormValues, errors: FieldErrors): SafeHtml {
  const { t } = s;
  const radio = (value: 'now' | 'later', label: string) =>
    html`<label class="check"><input type="radio" name="when" value="${value}"${values.when === value ? html` checked` : ''}> ${label}</label>`;
  return html`<fieldset class="when"><legend>${t('announcement-pages:compose.when')}</legend>
  <div class="choices">${radio('now', t('announcement-pages:compose.now'))}${radio('later', t('announcement-pages:compose.later'))}</div>
  <div class="date-time">
    <label>${t('announcement-pages:compose.date')}<input type="date" name="date" value="${values.date}"${described(errors, 'sendAt', 'zone-hint')}></label>
    <label>${t('announcement-pages:compose.time')}<input type="time" name="time" value="${values.time}"${described(errors, 'sendAt', 'zone-hint')}></label>
    <p class="hint" id="zone-hint">${t('announcement-pages:compose.zoneHint', { zone: s.school.timezone })}</p>
  </div>
  ${fieldError(errors, 'sendAt')}
</fieldset>`;
}

/** The whole compose page body. `problem` is a message that belongs to no single field. */
export function composeBody(s: SignedIn, values: AnnouncementFormValues, errors: FieldErrors, classes: PickableClass[], problem?: string): SafeHtml {
  const { t, user } = s;
  const hasErrors = Object.keys(errors).length > 0;
  const top: HtmlValue = problem ? notice('error', problem) : hasErrors ? notice('error', t('announcement-pages:errors.summary')) : '';
  return html`${top}
<form method="post" action="${COMPOSE_PATH}" enctype="multipart/form-data" class="card announcement-form" novalidate>
  ${csrfField(s)}
  ${audienceFieldset(s, values, errors, classes)}
  <div class="field">
    <label for="text">${t('announcement-pages:compose.text')}</label>
    <textarea id="text" name="text" rows="8" maxlength="${MAX_ANNOUNCEMENT_TEXT}"${described(errors, 'text', 'text-hint')}>${values.text}</textarea>
    <p class="hint" id="text-hint">${t('announcement-pages:compose.textHint', { max: MAX_ANNOUNCEMENT_TEXT })}</p>
    ${fieldError(errors, 'text')}
  </div>
  ${attachmentField(s, values, errors)}
  <fieldset class="options"><legend>${t('announcement-pages:compose.options')}</legend>
    <label class="check"><input type="checkbox" name="ackRequired" value="on" aria-describedby="ack-hint"${values.ackRequired ? html` checked` : ''}> ${t('announcement-pages:compose.ackRequired')}</label>
    <p class="hint" id="ack-hint">${t('announcement-pages:compose.ackHint')}</p>
    ${user.role === 'admin'
      ? html`<label class="check"><input type="checkbox" name="urgent" value="on" aria-describedby="urgent-hint"${values.urgent ? html` checked` : ''}> ${t('announcement-pages:compose.urgent')}</label>
    <p class="hint" id="urgent-hint">${t('announcement-pages:compose.urgentHint')}</p>`
      : ''}
  </fieldset>
  ${whenFieldset(s, values, errors)}
  <div class="actions">
    <button type="submit" name="step" value="preview">${t('announcement-pages:compose.preview')}</button>
    <a class="button secondary" href="/staff/announcements">${t('announcement-pages:compose.cancel')}</a>
  </div>
</form>`;
}
