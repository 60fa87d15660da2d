// What an SMTP failure is about. One message has one recipient, so a 5xx at RCPT alone
// cannot tell "this mailbox does not exist" from "this server refuses everyone" (relay
// denied, a blocked sender): the verdict waits for evidence that the server accepted
// some other recipient after it refused this one. Until then the failure is treated as
// the server's, which holds mail instead of deactivating hundreds of good addresses.

export type SmtpFailure =
  /** The server or the path to it: connection, TLS, authentication, MAIL FROM, 421. */
  | { scope: 'server'; text: string }
  /** A 5xx at RCPT: about this recipient only if others get through. */
  | { scope: 'recipient'; text: string }
  /** A permanent refusal of this message's content (5xx after DATA). */
  | { scope: 'message'; text: string }
  /** A temporary refusal (4xx): a counted retry when others get through, else an outage. */
  | { scope: 'temporary'; text: string };

interface SmtpErrorFields {
  responseCode?: number;
  code?: string;
  command?: string;
  message?: string;
}

export function classifySmtpError(error: unknown): SmtpFailure {
  const e = (error ?? {}) as SmtpErrorFields;
  const text = `${e.responseCode ?? e.code ?? ''} ${e.message ?? String(error)}`.trim();
  const status = e.responseCode;
  // No SMTP reply at all: refused or dropped connection, timeout, DNS, TLS.
  if (typeof status !== 'number' || status === 421 || e.code === 'EAUTH' || e.command === 'MAIL FROM' || e.command?.startsWith('AUTH')) {
    return { scope: 'server', text };
  }
  if (status >= 500 && e.command === 'RCPT TO') return { scope: 'recipient', text };
  if (status >= 500) return { scope: 'message', text };
  return { scope: 'temporary', text };
}

/**
 * Remembers, per process, when the server last accepted a message and when it first
 * refused each recipient: a refusal is that recipient's own once another got through since.
 */
export class RecipientEvidence {
  private lastAcceptedAt = -Infinity;
  private readonly firstRefusedAt = new Map<string, number>();

  accepted(address: string, now: number): void {
    this.lastAcceptedAt = now;
    this.firstRefusedAt.delete(address);
  }

  /** True when the refusal is about this recipient; else it is noted and counts as the server's. */
  refusedOnlyThis(address: string, now: number): boolean {
    const first = this.firstRefusedAt.get(address);
    if (first !== undefined && this.lastAcceptedAt > first) {
      this.firstRefusedAt.delete(address);
      return true;
    }
    if (first === undefined) {
      if (this.firstRefusedAt.size >= 10_000) this.firstRefusedAt.clear();
      this.firstRefusedAt.set(address, now);
    }
    return false;
  }
}
