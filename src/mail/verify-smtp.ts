// Readiness of the email channel: the SMTP server accepts a connection and our login.
import nodemailer from 'nodemailer';

export async function verifySmtp(smtpUrl: string, timeoutMs: number): Promise<void> {
  const transport = nodemailer.createTransport({ url: smtpUrl, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs });
  try {
    await transport.verify();
  } finally {
    transport.close();
  }
}
