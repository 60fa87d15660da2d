// Outgoing email: SMTP when SMTP_URL is set, else .eml files in <dataDir>/outbox that a
// person (or a test) can open — a fresh install can show what it would have sent.
// Those files hold invitation links, tokens and children's marks, so only the service's
// own user may read them: files 0600 in a 0700 folder, like the secret file.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Config } from '../config/env.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Extra headers, e.g. List-Unsubscribe. */
  headers?: Record<string, string>;
  /** Files sent with it (an announcement's PDF or picture). */
  attachments?: Array<{ filename: string; contentType: string; content: Buffer }>;
}

export interface SentMail {
  messageId: string;
  /** The .eml file written when there is no SMTP server. */
  file?: string;
}

export interface Mailer {
  kind: 'smtp' | 'files';
  send(message: MailMessage): Promise<SentMail>;
  close(): void;
}

export function outboxDir(config: Pick<Config, 'dataDir'>): string {
  return path.join(config.dataDir, 'outbox');
}

export interface MailerOptions {
  /** Bulk senders (the notification dispatcher) keep SMTP connections open and pace themselves. */
  pool?: { maxConnections: number; messagesPerSecond: number };
}

export function createMailer(config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'dataDir'>, options: MailerOptions = {}): Mailer {
  const base = (message: MailMessage) => ({ from: config.mailFrom, ...message });
  if (config.smtpUrl) {
    const transport = options.pool
      ? nodemailer.createTransport({
          url: config.smtpUrl,
          pool: true,
          maxConnections: options.pool.maxConnections,
          rateDelta: 1000,
          rateLimit: options.pool.messagesPerSecond,
        })
      : nodemailer.createTransport(config.smtpUrl);
    return {
      kind: 'smtp',
      async send(message) {
        const info = await transport.sendMail(base(message));
        return { messageId: info.messageId };
      },
      close: () => transport.close(),
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const dir = outboxDir(config);
  return {
    kind: 'files',
    async send(message) {
      const info = await transport.sendMail(base(message));
      await mkdir(dir, { recursive: true, mode: 0o700 });
      // A folder left by an older version (0755) is closed too.
      await chmod(dir, 0o700);
      // Time first so a directory listing reads in sending order.
      const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.eml`);
      await writeFile(file, info.message as Buffer, { mode: 0o600 });
      return { messageId: info.messageId, file };
    },
    close: () => transport.close(),
  };
}
