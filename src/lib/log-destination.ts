// Where log lines go and in what form: pino-pretty lines for a person at a terminal, one
// JSON object a line for a collector (journald, `docker logs`). LOG_FORMAT overrides the guess.
import { createRequire } from 'node:module';
import tty from 'node:tty';
import { pino, type DestinationStream } from 'pino';
import type { LogFormat } from '../config/env.js';

type PrettyFactory = typeof import('pino-pretty').prettyFactory;

export function isPretty(format: LogFormat, fd: 1 | 2): boolean {
  return format === 'pretty' || (format === 'auto' && tty.isatty(fd));
}

export function logDestination(format: LogFormat, fd: 1 | 2 = 2): DestinationStream {
  const out = pino.destination({ dest: fd, sync: true });
  if (!isPretty(format, fd)) return out;
  // Required only here: JSON logs (the service in production) never load pino-pretty.
  // Its factory formats each line synchronously, so nothing is lost when a command exits.
  const { prettyFactory } = createRequire(import.meta.url)('pino-pretty') as { prettyFactory: PrettyFactory };
  const pretty = prettyFactory({ colorize: tty.isatty(fd), ignore: 'pid,hostname,service', translateTime: 'SYS:HH:MM:ss.l' });
  return { write: (line: string) => out.write(pretty(line)) };
}
