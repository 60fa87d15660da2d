// How a worker sends email, in one place: the worker and the delivery benchmark build their
// mailer and email dispatcher from this, so the benchmark measures what production runs.
import type { MailerOptions } from '../../mail/create-mailer.js';

export interface EmailPoolOptions {
  mailer: Required<Pick<MailerOptions, 'pool'>>;
  dispatcher: { concurrency: number; batchSize: number };
}

/** Lanes on each side of the SMTP pool: one connection per lane, so mail never queues for one. */
const LANES = 4;

/**
 * `ratePerSecond` is the deployment's email rate. It is booked in the database for every
 * worker together (createEmailSender's `perSecond`); the mailer's own limit is only this
 * process's ceiling.
 */
export function emailPoolOptions(ratePerSecond: number): EmailPoolOptions {
  return {
    mailer: { pool: { maxConnections: LANES, messagesPerSecond: ratePerSecond } },
    dispatcher: { concurrency: LANES, batchSize: 50 },
  };
}
