import { pino, type Logger } from 'pino';
import type { LogLevel } from '../config/env.js';

export type { Logger };

/** Structured JSON logs on stderr, so command output on stdout stays machine-readable. */
export function createLogger(level: LogLevel, bindings: Record<string, unknown> = {}): Logger {
  return pino({ level, base: { service: 'vestnik', ...bindings } }, pino.destination(2));
}
