import { translator, pickLang } from '../../i18n/index.js';
import { escapeHtml } from '../../lib/escape-html.js';
import { signEmailToken } from './email-token.js';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export type SendEmail = (message: EmailMessage) => Promise<unknown>;

export interface EmailVerificationRequest {
  guardianId: string;
  email: string;
  schoolName: string;
  locale?: string | null;
  now?: Date;
}

/** The confirmation link for an address from a signed form; the address is a channel only once it is opened. */
export function emailVerificationLink(secret: string, publicUrl: string, request: EmailVerificationRequest): string {
  const token = signEmailToken(secret, { g: request.guardianId, e: request.email }, request.now);
  return `${publicUrl.replace(/\/+$/, '')}/consent/verify-email?token=${encodeURIComponent(token)}`;
}

export async function sendEmailVerification(
  deps: { secret: string; publicUrl: string; sendEmail: SendEmail },
  request: EmailVerificationRequest,
): Promise<{ link: string }> {
  const t = translator(pickLang(request.locale));
  const link = emailVerificationLink(deps.secret, deps.publicUrl, request);
  const vars = { school: request.schoolName, link };
  const paragraphs = [t('consent:email.greeting'), t('consent:email.body', vars), t('consent:email.ignore')];
  await deps.sendEmail({
    to: request.email,
    subject: t('consent:email.subject', vars),
    text: `${paragraphs[0]}\n\n${paragraphs[1]}\n\n${link}\n\n${paragraphs[2]}\n`,
    html: [
      `<p>${escapeHtml(paragraphs[0] ?? '')}</p>`,
      `<p>${escapeHtml(paragraphs[1] ?? '')}</p>`,
      `<p><a href="${escapeHtml(link)}">${escapeHtml(t('consent:email.button'))}</a></p>`,
      `<p>${escapeHtml(paragraphs[2] ?? '')}</p>`,
    ].join('\n'),
  });
  return { link };
}
