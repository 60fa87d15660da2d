import type { Mailer } from '../../mail/create-mailer.js';
import { translator, type Lang } from '../../i18n/index.js';
import { formatInstant } from '../reports/format.js';
import type { AddedStaffUser } from './add-staff-user.js';

/** Emails the one-time link; the caller prints it as well, so a failed mail loses nothing. */
export async function sendInvitation(mailer: Mailer, user: AddedStaffUser, schoolName: string, lang: Lang, timeZone: string): Promise<{ file?: string }> {
  const t = translator(lang);
  // Staff read the deadline on the school's clock, not in UTC.
  const vars = { school: schoolName, url: user.inviteUrl, role: t(`staff:role.${user.role}`), expires: formatInstant(user.inviteExpiresAt, timeZone, lang) };
  const sent = await mailer.send({ to: user.email, subject: t('staff:mail.inviteSubject', vars), text: t('staff:mail.inviteText', vars) });
  return { file: sent.file };
}
