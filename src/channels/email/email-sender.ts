// The email channel's sender: the dispatcher's adapter to the mail transport (src/mail).
// Sends outbox rows by email through the shared mailer (pooled SMTP, or .eml files when
// no SMTP server is configured), with RFC 8058 one-click unsubscribe and a signed
// acknowledge link that works without logging in.
//
// An outage of the mail server is not the recipients' fault: while the server (not one
// mailbox) fails, mail is held without using up its attempts, up to a hold age — for final
// grades the R8 point where the SLA check moves them on anyway, for the rest EMAIL hold
// hours — and only then goes to the next channel. Only a refusal of that one recipient
// turns its channel inactive.
import type pg from 'pg';
import type { Mailer } from '../../mail/create-mailer.js';
import { attachmentUrl } from '../../modules/announcements/attachment-url.js';
import { linkUrl, signLinkToken } from '../../modules/notifications/sign-link.js';
import { SLA_FALLBACK_AFTER_HOURS } from '../../modules/notifications/sla-check.js';
import { asksAcknowledgment, isAnnouncementPayload, isTeacherSummaryPayload } from '../../modules/notifications/types.js';
import { classifySmtpError, RecipientEvidence } from './classify-smtp.js';
import { renderContent } from '../../modules/delivery/render/render-content.js';
import { renderEmail } from '../../modules/delivery/render/render-email.js';
import { createSharedRate, type SharedRate } from '../../modules/delivery/shared-rate.js';
import type { ChannelSender, ClaimedMessage, SendContext, SendOutcome } from '../../modules/delivery/types.js';

const HOUR_MS = 3_600_000;

export interface EmailSenderOptions {
  mailer: Mailer;
  publicUrl: string;
  secret: string;
  /** With `perSecond`: the rate is shared by every worker process through this database. */
  pool?: pg.Pool;
  perSecond?: number;
  /** How long a message other than a final grade is held while the server fails (default 72 h). */
  holdHours?: number;
  /** Pause between tries of a held message (default 60 s). */
  holdRetryMs?: number;
  /** The clock, for tests. */
  now?: () => number;
}

export function createEmailSender(options: EmailSenderOptions): ChannelSender {
  const now = options.now ?? Date.now;
  const holdMs = (options.holdHours ?? 72) * HOUR_MS;
  const holdRetryMs = options.holdRetryMs ?? 60_000;
  const evidence = new RecipientEvidence();
  const rate: SharedRate | undefined = options.pool && options.perSecond ? createSharedRate(options.pool, 'email', options.perSecond) : undefined;

  /** The moment a message stops being held: final grades at R8's fallback point. */
  function holdUntil(message: ClaimedMessage): number {
    if (message.critical && message.deadlineAt) return new Date(message.deadlineAt).getTime() - (24 - SLA_FALLBACK_AFTER_HOURS) * HOUR_MS;
    return new Date(message.createdAt).getTime() + holdMs;
  }

  function hold(message: ClaimedMessage, text: string): SendOutcome {
    const left = holdUntil(message) - now();
    if (left <= 0) return { kind: 'fallback', error: `mail server failing past the hold age: ${text}`, deactivateChannel: false };
    const pause = Math.round(holdRetryMs * (0.75 + Math.random() * 0.5));
    return { kind: 'retry', error: `held, mail server failing: ${text}`, afterMs: Math.min(pause, left), countAttempt: false };
  }

  /** An announcement's file travels with the email itself; without the database it is linked instead. */
  async function loadAttachment(message: ClaimedMessage): Promise<{ filename: string; contentType: string; content: Buffer } | undefined> {
    if (!options.pool || !isAnnouncementPayload(message.payload) || !message.payload.attachment) return undefined;
    const { rows } = await options.pool.query<{ fileName: string; mimeType: string; bytes: Buffer }>(
      `SELECT "fileName", "mimeType", bytes FROM announcement_attachments WHERE "schoolId" = $1 AND "announcementId" = $2`,
      [message.schoolId, message.payload.announcementId],
    );
    const file = rows[0];
    return file ? { filename: file.fileName, contentType: file.mimeType, content: file.bytes } : undefined;
  }

  async function send(message: ClaimedMessage, context?: SendContext): Promise<SendOutcome> {
    const staff = isTeacherSummaryPayload(message.payload);
    const to = staff ? (message.payload as { to: string }).to : message.address;
    if (!to || (!staff && !message.channelUsable)) return { kind: 'fallback', error: 'email channel inactive', deactivateChannel: false };
    const ack =
      asksAcknowledgment(message) && message.guardianId
        ? linkUrl(options.publicUrl, 'ack', signLinkToken(options.secret, 'ack', message.id))
        : undefined;
    const unsubscribe = message.channelId ? linkUrl(options.publicUrl, 'unsubscribe', signLinkToken(options.secret, 'unsubscribe', message.channelId)) : undefined;
    const attachment = await loadAttachment(message);
    const rendered = renderContent(message.kind, message.payload, attachment ? { attachmentIn: 'email' } : { attachmentUrl: attachmentUrl(message, options) });
    const mail = renderEmail(rendered, message.payload.lang, { ack, unsubscribe });
    if (rate && !(await rate.take(context?.signal))) return { kind: 'retry', error: 'sending stopped', countAttempt: false };
    try {
      const sent = await options.mailer.send({
        to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: unsubscribe ? { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : undefined,
        attachments: attachment ? [attachment] : undefined,
      });
      evidence.accepted(to, now());
      return { kind: 'sent', providerId: sent.messageId };
    } catch (error) {
      const failure = classifySmtpError(error);
      switch (failure.scope) {
        case 'server':
          return hold(message, failure.text);
        case 'recipient':
          if (evidence.refusedOnlyThis(to, now())) return { kind: 'fallback', error: failure.text, deactivateChannel: true };
          return hold(message, failure.text);
        case 'message':
          return { kind: 'fallback', error: failure.text, deactivateChannel: false };
        case 'temporary':
          // A 4xx for everyone (a full disk, a policy service down) is an outage too.
          if (evidence.refusedOnlyThis(to, now())) return { kind: 'retry', error: failure.text, countAttempt: true };
          return hold(message, failure.text);
      }
    }
  }
  return { channelTypes: ['email'], send, close: () => options.mailer.close() };
}
