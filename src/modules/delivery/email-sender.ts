// Sends outbox rows by email through the shared mailer (pooled SMTP, or .eml files when
// no SMTP server is configured), with RFC 8058 one-click unsubscribe and a signed
// acknowledge link that works without logging in.
import type { Mailer } from '../../mail/create-mailer.js';
import { linkUrl, signLinkToken } from '../notifications/sign-link.js';
import { ACKNOWLEDGEABLE, isTeacherSummaryPayload } from '../notifications/types.js';
import { renderContent } from './render/render-content.js';
import { renderEmail } from './render/render-email.js';
import type { ChannelSender, ClaimedMessage, SendOutcome } from './types.js';

export interface EmailSenderOptions {
  mailer: Mailer;
  publicUrl: string;
  secret: string;
}

export function createEmailSender(options: EmailSenderOptions): ChannelSender {
  async function send(message: ClaimedMessage): Promise<SendOutcome> {
    const staff = isTeacherSummaryPayload(message.payload);
    const to = staff ? (message.payload as { to: string }).to : message.address;
    if (!to || (!staff && !message.channelUsable)) return { kind: 'fallback', error: 'email channel inactive', deactivateChannel: false };
    const ack =
      ACKNOWLEDGEABLE.has(message.kind) && message.guardianId
        ? linkUrl(options.publicUrl, 'ack', signLinkToken(options.secret, 'ack', message.id))
        : undefined;
    const unsubscribe = message.channelId ? linkUrl(options.publicUrl, 'unsubscribe', signLinkToken(options.secret, 'unsubscribe', message.channelId)) : undefined;
    const mail = renderEmail(renderContent(message.kind, message.payload), message.payload.lang, { ack, unsubscribe });
    try {
      const sent = await options.mailer.send({
        to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: unsubscribe ? { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : undefined,
      });
      return { kind: 'sent', providerId: sent.messageId };
    } catch (error) {
      return classifySmtp(error);
    }
  }
  return { channelTypes: ['email'], send, close: () => options.mailer.close() };
}

export function classifySmtp(error: unknown): SendOutcome {
  const e = error as { responseCode?: number; code?: string; message?: string };
  const text = `${e.responseCode ?? e.code ?? ''} ${e.message ?? String(error)}`.trim();
  // 5xx is the server's final word on this recipient or message; 4xx and dropped connections pass.
  if (typeof e.responseCode === 'number' && e.responseCode >= 500) {
    return { kind: 'fallback', error: text, deactivateChannel: e.code === 'EENVELOPE' };
  }
  return { kind: 'retry', error: text, countAttempt: true };
}
