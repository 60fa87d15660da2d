// A real SMTP server on loopback that parses what it receives, with faults on demand.
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  url: string;
  received: ParsedMail[];
  /** When each message's transaction began (MAIL FROM), epoch ms. */
  arrivals: number[];
  /** Recipients answered with 550 (permanent). */
  rejectRecipients: Set<string>;
  /** The next N messages are answered with 451 (temporary). */
  temporaryFailures: number;
  /** The server is down: new connections and every message on open ones get 421. */
  outage: boolean;
  /** Every recipient is refused with 550 (a server that denies relaying for us). */
  rejectAll: boolean;
  waitFor(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  /** The most messages accepted within any one second, as a provider's throttle counts them. */
  maxPerSecond(): number;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const sink = {
    received: [] as ParsedMail[],
    arrivals: [] as number[],
    rejectRecipients: new Set<string>(),
    temporaryFailures: 0,
    outage: false,
    rejectAll: false,
  };
  const unavailable = () => Object.assign(new Error('4.3.2 Service not available, closing transmission channel'), { responseCode: 421 });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onConnect(_session, callback) {
      callback(sink.outage ? unavailable() : undefined);
    },
    onMailFrom(_address, _session, callback) {
      if (sink.outage) return callback(unavailable());
      // A message counts from the moment its transaction starts, as a provider's throttle sees it.
      sink.arrivals.push(Date.now());
      callback();
    },
    onRcptTo(address, _session, callback) {
      if (sink.rejectAll) return callback(Object.assign(new Error('5.7.1 Relaying denied'), { responseCode: 550 }));
      if (sink.rejectRecipients.has(address.address)) {
        const error = Object.assign(new Error('5.1.1 Mailbox does not exist'), { responseCode: 550 });
        return callback(error);
      }
      callback();
    },
    onData(stream, _session, callback) {
      if (sink.temporaryFailures > 0) {
        sink.temporaryFailures -= 1;
        stream.resume();
        stream.on('end', () => callback(Object.assign(new Error('4.3.0 Try again later'), { responseCode: 451 })));
        return;
      }
      simpleParser(stream)
        .then((mail) => {
          sink.received.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return Object.assign(sink, {
    url: `smtp://127.0.0.1:${port}`,
    async waitFor(count: number, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (sink.received.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} emails, got ${sink.received.length}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return sink.received;
    },
    maxPerSecond() {
      const at = [...sink.arrivals].sort((a, b) => a - b);
      let most = 0;
      for (let i = 0, j = 0; i < at.length; i += 1) {
        while ((at[i] as number) - (at[j] as number) >= 1000) j += 1;
        most = Math.max(most, i - j + 1);
      }
      return most;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
