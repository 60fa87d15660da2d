// A real SMTP server on loopback for the fault scenarios. It counts what it accepts per
// recipient and can fail the way mail servers do: down for everyone (421), refusing to
// relay for everyone (550 at RCPT), or refusing one mailbox (550 5.1.1 for that address).
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export type SmtpMode = 'up' | 'down' | 'relay-denied';

export interface FaultSmtp {
  url: string;
  mode: SmtpMode;
  /** Mailboxes that do not exist: a failure about that one recipient. */
  unknownMailboxes: Set<string>;
  /** Accepted messages per recipient address. */
  delivered: Map<string, number>;
  close(): Promise<void>;
}

const smtpError = (code: number, text: string): Error => Object.assign(new Error(text), { responseCode: code });

export async function startFaultSmtp(): Promise<FaultSmtp> {
  const state = { mode: 'up' as SmtpMode, unknownMailboxes: new Set<string>(), delivered: new Map<string, number>() };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onConnect(_session, callback) {
      callback(state.mode === 'down' ? smtpError(421, '4.3.2 Service not available') : undefined);
    },
    onMailFrom(_address, _session, callback) {
      // Pooled connections opened before the outage must fail too.
      callback(state.mode === 'down' ? smtpError(421, '4.3.2 Service not available') : undefined);
    },
    onRcptTo(address, _session, callback) {
      if (state.mode === 'relay-denied') return callback(smtpError(550, '5.7.1 Relaying denied'));
      if (state.unknownMailboxes.has(address.address)) return callback(smtpError(550, '5.1.1 Mailbox does not exist'));
      callback();
    },
    onData(stream, session, callback) {
      stream.resume();
      stream.on('end', () => {
        for (const rcpt of session.envelope.rcptTo) state.delivered.set(rcpt.address, (state.delivered.get(rcpt.address) ?? 0) + 1);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return Object.assign(state, {
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
