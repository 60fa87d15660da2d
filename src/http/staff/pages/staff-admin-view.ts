// Pieces both staff-management pages draw: the status badge, the role and class choices,
// a field's error next to it, and a domain refusal in the admin's words.
import { AppError } from '../../../lib/app-error.js';
import type { AuthorizedClass } from '../../../modules/staff/authorize.js';
import type { StaffStatus } from '../../../modules/staff/staff-status.js';
import { html, type SafeHtml } from '../html.js';
import type { SignedIn } from '../request-state.js';
import { options } from '../table-html.js';

export const STAFF_PATH = '/staff/admin/staff';
export const ROLES = ['admin', 'teacher'] as const;

export type StaffField = 'email' | 'name' | 'role' | 'class' | 'user';
export type FieldProblem = { field: StaffField; message: string };

export function statusBadge(s: SignedIn, status: StaffStatus): SafeHtml {
  return html`<span class="status ${status === 'active' ? 'active' : status === 'disabled' ? 'revoked' : status === 'invite_expired' ? 'expired' : ''}">${s.t(`staff-admin:status.${status}`)}</span>`;
}

export function roleOptions(s: SignedIn, selected: string): SafeHtml {
  return options(ROLES.map((role) => ({ value: role, label: s.t(`staff:role.${role}`) })), selected);
}

export function classOptions(s: SignedIn, classes: AuthorizedClass[], selected: string): SafeHtml {
  return options([{ value: '', label: s.t('staff-admin:invite.chooseClass') }, ...classes.map((c) => ({ value: c.id, label: c.name }))], selected);
}

const FIELD_ERROR_ID = (form: string, field: StaffField) => `${form}-${field}-error`;

/** The attributes that tie an input to its error, so a screen reader reads them together. */
export function invalid(form: string, problem: FieldProblem | null, field: StaffField): SafeHtml | '' {
  return problem?.field === field ? html` aria-invalid="true" aria-describedby="${FIELD_ERROR_ID(form, field)}"` : '';
}

export function fieldError(form: string, problem: FieldProblem | null, field: StaffField): SafeHtml | '' {
  return problem?.field === field ? html`<span class="field-error" id="${FIELD_ERROR_ID(form, field)}">${problem.message}</span>` : '';
}

/** A refusal the admin can act on, or null for anything else (shown as an error page). */
export function describeProblem(s: SignedIn, error: unknown): FieldProblem | null {
  if (!AppError.is(error)) return null;
  const details = (error.details ?? {}) as { field?: string; reason?: string; className?: string; teacher?: string };
  if (!details.field) return null;
  if (details.field === 'email' && !details.reason) return { field: 'email', message: s.t('staff-admin:error.notEmail') };
  if (!details.reason || !s.t(`staff-admin:error.${details.reason}`, { defaultValue: '' })) return null;
  return { field: details.field as StaffField, message: s.t(`staff-admin:error.${details.reason}`, { className: details.className, teacher: details.teacher }) };
}

/** Refused input is 422, a refused action (last admin, class taken) 409, yourself 403, too often 429, a mail that did not go 503. */
export function problemStatus(error: unknown): number {
  if (!AppError.is(error)) return 500;
  return { CONFLICT: 409, FORBIDDEN: 403, RATE_LIMITED: 429, UNAVAILABLE: 503 }[error.code as string] ?? 422;
}
