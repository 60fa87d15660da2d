// The "choose a password" form shared by the invitation and the password-reset pages,
// and the page message for a password the strength check refused.
import { AppError } from '../../../lib/app-error.js';
import { MIN_PASSWORD_LENGTH, type PasswordReason } from '../../../modules/staff/password-strength.js';
import { html, type SafeHtml } from '../html.js';
import { csrfField } from '../layout.js';
import type { StaffState } from '../request-state.js';

export function newPasswordForm(s: StaffState, action: string, submit: string): SafeHtml {
  const { t } = s;
  return html`<form method="post" action="${action}" class="card narrow">
  ${csrfField(s)}
  <label>${t('staff:invite.password', { min: MIN_PASSWORD_LENGTH })}<input type="password" name="password" autocomplete="new-password" minlength="${MIN_PASSWORD_LENGTH}" required aria-describedby="password-hint"></label>
  <p id="password-hint" class="hint">${t('staff:password.hint')}</p>
  <label>${t('staff:invite.repeat')}<input type="password" name="repeat" autocomplete="new-password" required></label>
  <button type="submit">${submit}</button>
</form>`;
}

/** The text for a refused password, or undefined when the error is something else. */
export function weakPasswordText(s: StaffState, error: unknown): string | undefined {
  if (!AppError.is(error, 'INVALID_INPUT')) return undefined;
  const details = error.details as { field?: string; reason?: PasswordReason } | undefined;
  if (details?.field !== 'password' || !details.reason) return undefined;
  return `${s.t(`staff:password.reason.${details.reason}`, { min: MIN_PASSWORD_LENGTH })} ${s.t('staff:password.hint')}`;
}
