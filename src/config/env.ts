// The one module that reads process.env. Everything else receives a Config.
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

export type TelegramMode = 'polling' | 'webhook';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  /** Unset: an embedded PostgreSQL in `${dataDir}/pg`. */
  databaseUrl: string | undefined;
  dataDir: string;
  host: string;
  port: number;
  publicUrl: string;
  telegram: {
    token: string | undefined;
    apiRoot: string | undefined;
    mode: TelegramMode;
    webhookSecret: string | undefined;
    /** Messages per second for the whole bot (raise for paid broadcasts). */
    globalRatePerSecond: number;
  };
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Unset: generated once and kept in the data folder (see resolveSecret). */
  secret: string | undefined;
  logLevel: LogLevel;
  /** Language of command-line output: VESTNIK_LANG, else the system LANG, else Russian. */
  uiLang: string | undefined;
  /** Proxies whose X-Forwarded-For is believed: false (nobody), true (anyone) or addresses/CIDRs. */
  trustProxy: boolean | string[];
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function optional(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function parseUrl(name: string, value: string, protocols: string[]): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(name, `"${value}" is not a valid URL`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.map((p) => `${p}//`).join(' or ')}, got "${url.protocol}//"`);
  }
  return value;
}

function parseInteger(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const parsed = z.coerce.number().int().min(min).max(max).safeParse(value);
  if (!parsed.success) throw new ConfigError(name, `must be a whole number from ${min} to ${max}, got "${value}"`);
  return parsed.data;
}

function parseChoice<T extends string>(name: string, value: string | undefined, choices: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(choices as readonly string[]).includes(value)) {
    throw new ConfigError(name, `must be one of ${choices.join(', ')}, got "${value}"`);
  }
  return value as T;
}

const PROXY_KEYWORDS = ['loopback', 'linklocal', 'uniquelocal'];

/** TRUST_PROXY: unset = trust nobody (a client could otherwise pick its own address). */
function parseTrustProxy(value: string | undefined): boolean | string[] {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  const entries = value.split(',').map((entry) => entry.trim()).filter(Boolean);
  for (const entry of entries) {
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address ?? '');
    const bitsOk = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (!PROXY_KEYWORDS.includes(entry) && (family === 0 || !bitsOk || extra !== undefined)) {
      throw new ConfigError('TRUST_PROXY', `"${entry}" is not an IP address, a CIDR range or one of ${PROXY_KEYWORDS.join(', ')} (or use true / false)`);
    }
  }
  return entries.length > 0 ? entries : false;
}

/**
 * Language of command-line output: VESTNIK_LANG, else the system LANG. Kept apart from
 * loadConfig so that `--help` still works when some other variable is invalid.
 */
export function uiLanguage(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return optional(env, 'VESTNIK_LANG') ?? optional(env, 'LANG');
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): Config {
  const databaseUrl = optional(env, 'DATABASE_URL');
  if (databaseUrl) parseUrl('DATABASE_URL', databaseUrl, ['postgres:', 'postgresql:']);

  const dataDir = path.resolve(cwd, optional(env, 'VESTNIK_DATA_DIR') ?? './var');
  const host = optional(env, 'HOST') ?? '127.0.0.1';
  const port = parseInteger('PORT', optional(env, 'PORT'), 3000, 0, 65535);
  const publicUrlRaw = optional(env, 'PUBLIC_URL');
  const publicUrl = (publicUrlRaw ? parseUrl('PUBLIC_URL', publicUrlRaw, ['http:', 'https:']) : `http://${host.includes(':') ? `[${host}]` : host}:${port}`).replace(/\/+$/, '');

  const token = optional(env, 'TELEGRAM_BOT_TOKEN');
  if (token && !/^\d+:[\w-]{10,}$/.test(token)) {
    throw new ConfigError('TELEGRAM_BOT_TOKEN', 'does not look like a bot token (expected "<digits>:<secret>" from @BotFather)');
  }
  const apiRoot = optional(env, 'TELEGRAM_API_ROOT');
  if (apiRoot) parseUrl('TELEGRAM_API_ROOT', apiRoot, ['http:', 'https:']);
  const mode = parseChoice('TELEGRAM_MODE', optional(env, 'TELEGRAM_MODE'), ['polling', 'webhook'] as const, 'polling');
  const webhookSecret = optional(env, 'TELEGRAM_WEBHOOK_SECRET');
  if (mode === 'webhook' && token && !webhookSecret) {
    throw new ConfigError('TELEGRAM_WEBHOOK_SECRET', 'is required when TELEGRAM_MODE=webhook');
  }
  if (webhookSecret && !/^[A-Za-z0-9_-]{1,256}$/.test(webhookSecret)) {
    throw new ConfigError('TELEGRAM_WEBHOOK_SECRET', 'may contain only A-Z, a-z, 0-9, _ and - (1 to 256 characters), as Telegram requires');
  }
  const globalRatePerSecond = parseInteger('TELEGRAM_RATE_PER_SECOND', optional(env, 'TELEGRAM_RATE_PER_SECOND'), 30, 1, 1000);

  const smtpUrl = optional(env, 'SMTP_URL');
  if (smtpUrl) parseUrl('SMTP_URL', smtpUrl, ['smtp:', 'smtps:']);
  const mailFrom = optional(env, 'MAIL_FROM') ?? 'Vestnik <vestnik@localhost>';
  if (!/@/.test(mailFrom)) throw new ConfigError('MAIL_FROM', `"${mailFrom}" has no email address`);

  const secret = optional(env, 'VESTNIK_SECRET');
  if (secret !== undefined && secret.length < 16) {
    throw new ConfigError('VESTNIK_SECRET', 'must be at least 16 characters long');
  }
  const logLevel = parseChoice('LOG_LEVEL', optional(env, 'LOG_LEVEL'), LOG_LEVELS, 'info');

  return {
    databaseUrl,
    dataDir,
    host,
    port,
    publicUrl,
    telegram: { token, apiRoot, mode, webhookSecret, globalRatePerSecond },
    smtpUrl,
    mailFrom,
    secret,
    logLevel,
    uiLang: uiLanguage(env),
    trustProxy: parseTrustProxy(optional(env, 'TRUST_PROXY')),
  };
}
