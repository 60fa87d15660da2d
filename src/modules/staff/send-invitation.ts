import type { Mailer } from '../../mail/create-mailer.js';
import { translator, type Lang } from '../../i18n/index.js';
import type { AddedStaffUser } from './add-staff-user.js';

/** Emails the one-time link; the caller prints it as well, so a failed mail loses nothing. */
export async function sendInvitation(mailer: Mailer, user: AddedStaffUser, schoolName: string, lang: Lang): Promise<{ file?: string }> {
  const t = translator(lang);
  const vars = { school: schoolName, url: user.inviteUrl, role: t(`staff:role.${user.role}`), expires: user.inviteExpiresAt.slice(0, 16).replace('T', ' ') };
  const sent = await mailer.send({ to: user.email, subject: t('staff:mail.inviteSubject', vars), text: t('staff:mail.inviteText', vars) });
  return { file: sent.file };
}
