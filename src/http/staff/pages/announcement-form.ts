// The announcement form as the browser sends it (multipart, because of the attachment),
// read into one value that the compose page, the preview page and the send step share.
// A file input cannot be filled in again, so between the steps the attachment travels
// back and forth in hidden fields (base64): nothing half-made is stored before «Send».
import type { Lang, Translate } from '../../../i18n/index.js';
import { AppError } from '../../../lib/app-error.js';
import { zonedTimeToUtc } from '../../../lib/zoned-time.js';
import { detectAttachmentType } from '../../../modules/announcements/detect-attachment-type.js';
import type { AnnouncementInput } from '../../../modules/announcements/types.js';
import { formatInstant } from '../../../modules/reports/format.js';
import type { StaffPrincipal } from '../../../modules/staff/staff-principal.js';
import type { FormBody } from '../request-state.js';

export interface UploadedFile {
  fileName: string;
  mimeType: string;
  bytes: Buffer;
}

export interface AnnouncementFormValues {
  audience: 'school' | 'classes';
  classIds: string[];
  text: string;
  ackRequired: boolean;
  urgent: boolean;
  when: 'now' | 'later';
  /** YYYY-MM-DD and HH:MM on the school's clock, as the date and time inputs give them. */
  date: string;
  time: string;
  attachment: UploadedFile | null;
}

export type FormField = 'audience' | 'text' | 'sendAt' | 'attachment';
export type FieldErrors = Partial<Record<FormField, string>>;

export function emptyForm(): AnnouncementFormValues {
  return { audience: 'classes', classIds: [], text: '', ackRequired: false, urgent: false, when: 'now', date: '', time: '', attachment: null };
}

function first(body: FormBody, name: string): string {
  const value = body[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

function all(body: FormBody, name: string): string[] {
  const value = body[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** The attachment carried over from an earlier step, unless the user removed or replaced it. */
function keptAttachment(body: FormBody): UploadedFile | null {
  if (first(body, 'removeAttachment') === 'on') return null;
  const data = first(body, 'keptData');
  const fileName = first(body, 'keptName');
  if (!data || !fileName) return null;
  const bytes = Buffer.from(data, 'base64');
  return { fileName, mimeType: detectAttachmentType(bytes) ?? first(body, 'keptType'), bytes };
}

/** Reads the posted fields; a new upload replaces the one kept from the previous step. */
export function readAnnouncementForm(body: FormBody, upload: UploadedFile | null): AnnouncementFormValues {
  return {
    audience: first(body, 'audience') === 'school' ? 'school' : 'classes',
    classIds: [...new Set(all(body, 'classIds'))],
    // Browsers send line breaks as CRLF; families' messengers want LF.
    text: first(body, 'text').replace(/\r\n?/g, '\n'),
    ackRequired: first(body, 'ackRequired') === 'on',
    urgent: first(body, 'urgent') === 'on',
    when: first(body, 'when') === 'later' ? 'later' : 'now',
    date: first(body, 'date').trim(),
    time: first(body, 'time').trim(),
    attachment: upload ?? keptAttachment(body),
  };
}

/**
 * The form's values as the domain's input. Only what the form alone can tell is checked here
 * (a date and time that do not make an instant, a teacher without a class); the rules of
 * announcements are the domain's, and its refusals are put next to their fields below.
 */
export function toAnnouncementInput(values: AnnouncementFormValues, user: StaffPrincipal, timeZone: string, t: Translate): { input: AnnouncementInput; errors: FieldErrors } {
  const errors: FieldErrors = {};
  // A teacher's audience is their class, whatever the form says.
  const audience: AnnouncementInput['audience'] =
    user.role !== 'admin' ? { kind: 'classes', classIds: user.classId ? [user.classId] : [] } : values.audience === 'school' ? { kind: 'school' } : { kind: 'classes', classIds: values.classIds };
  let sendAt: Date | null = null;
  if (values.when === 'later') {
    const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(values.date);
    const time = /^(\d{1,2}):(\d{2})$/.exec(values.time);
    if (!values.date || !values.time) errors.sendAt = t('announcement-pages:errors.dateMissing');
    else if (!date || !time || !validWallTime(date, time)) errors.sendAt = t('announcement-pages:errors.dateInvalid');
    else sendAt = zonedTimeToUtc(Number(date[1]), Number(date[2]), Number(date[3]), Number(time[1]), Number(time[2]), timeZone);
  }
  const file = values.attachment;
  const attachment = file ? { fileName: file.fileName, mimeType: detectAttachmentType(file.bytes) ?? file.mimeType, bytes: file.bytes } : null;
  return { input: { audience, text: values.text, ackRequired: values.ackRequired, urgent: values.urgent, sendAt, attachment }, errors };
}

function validWallTime(date: RegExpExecArray, time: RegExpExecArray): boolean {
  const [y, m, d, h, min] = [date[1], date[2], date[3], time[1], time[2]].map(Number) as [number, number, number, number, number];
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d && h < 24 && min < 60;
}

const FIELD_OF: Record<string, FormField> = { text: 'text', sendAt: 'sendAt', attachment: 'attachment', audience: 'audience', classIds: 'audience' };

/** The domain's refusal in the user's words (its own texts, locales/<lang>/announcements.json). */
export function refusalText(error: AppError, t: Translate, timeZone: string, lang: Lang, scope?: string): string | null {
  const d = (error.details ?? {}) as Record<string, unknown>;
  const where = scope ?? (typeof d.field === 'string' ? d.field : '');
  if (!where || typeof d.reason !== 'string') return null;
  const key = `announcements:error.${where}.${d.reason}`;
  const limitBytes = typeof d.limitBytes === 'number' ? d.limitBytes : 0;
  const nextAt = typeof d.nextAt === 'string' ? formatInstant(d.nextAt, timeZone, lang) : '';
  const text = t(key, { ...d, limitMb: Math.round(limitBytes / 1024 / 1024), at: nextAt, defaultValue: '' });
  return text || null;
}

/**
 * The domain's refusal as a message next to its field; {} when the form has no place for it,
 * null when it is not about the form at all (a forged urgent flag, someone else's class:
 * those are refused as a whole).
 */
export function fieldErrorOf(error: AppError, t: Translate, timeZone: string, lang: Lang): FieldErrors | null {
  if (error.code === 'FORBIDDEN') return null;
  if (error.code !== 'INVALID_INPUT' && error.code !== 'PAYLOAD_TOO_LARGE' && error.code !== 'NOT_FOUND') return null;
  const d = (error.details ?? {}) as { field?: string };
  const field = d.field ? FIELD_OF[d.field] : undefined;
  const text = refusalText(error, t, timeZone, lang);
  if (!field || !text) return error.code === 'NOT_FOUND' ? null : {};
  return { [field]: text };
}
