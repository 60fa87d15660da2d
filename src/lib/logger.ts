import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config/env.js';

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
