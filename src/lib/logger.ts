import { pino, type DestinationStream, type Logger } from 'pino';
import type { Config, LogLevel } from '../config/env.js';
import { logDestination } from './log-destination.js';

export type { Logger };

/**
 * Keys whose values never reach a log (152-ФЗ, and secrets): codes, tokens, message texts,
 * people's names, addresses and raw chat ids. Code that needs to tell chats apart logs a
 * keyed hash under another key (`chat`). Matched at any depth up to four levels, which
 * covers Telegram updates, errors' request payloads (`err.payload.text`) and AppError details.
 */
export const REDACTED_KEYS = [
  'code', 'token', 'password', 'secret', 'authorization', 'cookie',
  'text', 'caption', 'data',
  'email', 'phone', 'address', 'to',
  'first_name', 'last_name', 'username', 'name', 'fullName', 'guardianName', 'studentName', 'contactName',
  'chatId', 'chat_id',
] as const;

const DEPTHS = ['', '*.', '*.*.', '*.*.*.'];

export const REDACT_PATHS = DEPTHS.flatMap((prefix) => REDACTED_KEYS.map((key) => `${prefix}${key}`));

/** Structured JSON logs on stderr, so command output on stdout stays machine-readable. */
export function createLogger(level: LogLevel, bindings: Record<string, unknown> = {}, destination?: DestinationStream): Logger {
  return pino(
    { level, base: { service: 'vestnik', ...bindings }, redact: { paths: REDACT_PATHS, censor: '[redacted]' } },
    destination ?? pino.destination(2),
  );
}

/**
 * A process's logger as LOG_LEVEL and LOG_FORMAT say: pino-pretty lines on a terminal, JSON
 * lines otherwise. The service logs to stdout, so what it tells its operator and its logs
 * are one stream; commands log to stderr, leaving stdout to their result.
 */
export function createProcessLogger(config: Pick<Config, 'logLevel' | 'logFormat'>, options: { level?: LogLevel; fd?: 1 | 2 } = {}): Logger {
  return createLogger(options.level ?? config.logLevel, {}, logDestination(config.logFormat, options.fd ?? 2));
}
