import type { Mailer } from '../../mail/create-mailer.js';
import { translator, pickLang } from '../../i18n/index.js';
import { RESET_LIFETIME_MINUTES } from './password-reset-token.js';
import type { PasswordResetMail } from './request-password-reset.js';

/** Emails the reset link in the account's language (no clock time in it, so no time zone to get wrong). */
export async function sendPasswordReset(mailer: Mailer, mail: PasswordResetMail): Promise<void> {
  const t = translator(pickLang(mail.locale));
  const vars = { school: mail.schoolName, url: mail.url, minutes: RESET_LIFETIME_MINUTES };
  await mailer.send({ to: mail.to, subject: t('staff:mail.resetSubject', vars), text: t(mail.byAdmin ? 'staff-admin:mail.resetText' : 'staff:mail.resetText', vars) });
}
