import { translator } from '../../i18n/index.js';
import type { Mailer } from '../../mail/create-mailer.js';
import type { SignInMail } from '../../modules/family-web/request-sign-in.js';
import { html } from '../staff/html.js';

export async function sendSignInMail(mailer: Mailer, mail: SignInMail): Promise<void> {
  const t = translator(mail.locale);
  const vars = { school: mail.schoolName };
  const [greeting, body, ignore] = [t('family:email.greeting'), t('family:email.body', vars), t('family:email.ignore')];
  await mailer.send({
    to: mail.to,
    subject: t('family:email.subject', vars),
    text: `${greeting}\n\n${body}\n${mail.url}\n\n${ignore}\n`,
    html: html`<!doctype html><html lang="${mail.locale}"><meta charset="utf-8"><body><p>${greeting}</p><p>${body}<br><a href="${mail.url}">${mail.url}</a></p><p>${ignore}</p></body></html>`.value,
  });
}
