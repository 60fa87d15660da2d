// The one module that reads process.env. Everything else receives a Config, built here
// from the one schema in env-schema.ts, validated once.
import path from 'node:path';
import { pickLang, translator, type Translate } from '../i18n/index.js';
import { cleanEnv, effectiveValues, envSchema, problemOf, type ConfigProblem, type Env, LOG_FORMATS, LOG_LEVELS } from './env-schema.js';
import { maskValue } from './mask-secrets.js';

export type { ConfigProblem };
export type TelegramMode = 'polling' | 'webhook';
export type LogLevel = (typeof LOG_LEVELS)[number];
export type LogFormat = (typeof LOG_FORMATS)[number];

export interface Config {
  /** Unset: an embedded PostgreSQL in `${dataDir}/pg`. */
  databaseUrl: string | undefined;
  /** Unset: the read-heavy paths read the primary too. Only with databaseUrl. */
  databaseReplicaUrl: string | undefined;
  dataDir: string;
  host: string;
  port: number;
  publicUrl: string;
  telegram: {
    token: string | undefined;
    apiRoot: string | undefined;
    mode: TelegramMode;
    /** Set (and required) in webhook mode only. */
    webhookSecret: string | undefined;
    /** Messages per second for the whole bot (raise for paid broadcasts). */
    globalRatePerSecond: number;
    /** A send without an answer after this long is given up and retried later. */
    sendTimeoutSeconds: number;
  };
  max: {
    /** Unset: MAX is off. */
    token: string | undefined;
    /** Unset: the SDK's default (https://platform-api.max.ru). */
    apiRoot: string | undefined;
    mode: 'polling' | 'webhook';
    /** Set (and required) in webhook mode only; MAX sends it in X-Max-Bot-Api-Secret. */
    webhookSecret: string | undefined;
    /** Requests per second for the bot. */
    ratePerSecond: number;
    /** A send without an answer after this long is given up and retried later. */
    sendTimeoutSeconds: number;
  };
  smtpUrl: string | undefined;
  mailFrom: string;
  email: {
    /** Messages per second for the whole deployment, shared by every worker process. */
    ratePerSecond: number;
    /** How long mail other than final grades is held while the mail server fails. */
    holdHours: number;
  };
  /** Unset: generated once and kept in the data folder (see resolveSecret). */
  secret: string | undefined;
  webPush: {
    /** Both set or both unset (then generated once and kept in the data folder: see resolveVapidKeys). */
    publicKey: string | undefined;
    privateKey: string | undefined;
    /** VAPID's `sub`: how a push service can reach the operator (mailto: or https:). */
    subject: string;
  };
  logLevel: LogLevel;
  /** auto: human-readable on a terminal, JSON lines otherwise. */
  logFormat: LogFormat;
  /** Language of command-line output: VESTNIK_LANG, else the system LANG, else Russian. */
  uiLang: string | undefined;
  /** Proxies whose X-Forwarded-For is believed: false (nobody), true (anyone) or addresses/CIDRs. */
  trustProxy: boolean | string[];
  /** Unset: /metrics is open (bind to a private address, or set it). */
  metricsToken: string | undefined;
}

/** One sentence per problem, the variable first, secrets masked. */
export function describeProblem(problem: ConfigProblem, given: Record<string, string>, t: Translate): string {
  const value = given[problem.variable] === undefined ? '' : maskValue(problem.variable, given[problem.variable]!);
  return t(`config:problems.${problem.key}`, { ...problem.values, variable: problem.variable, value });
}

/** Every problem with the environment, not just the first. `variable` names the first. */
export class ConfigError extends Error {
  readonly variable: string;
  constructor(
    readonly problems: ConfigProblem[],
    readonly given: Record<string, string>,
  ) {
    const english = translator('en');
    super(problems.map((problem) => describeProblem(problem, given, english)).join('\n'));
    this.name = 'ConfigError';
    this.variable = problems[0]?.variable ?? '';
  }
}

/**
 * Language of command-line output: VESTNIK_LANG, else the system LANG. Kept apart from
 * loadConfig so that `--help` still works when some other variable is invalid.
 */
export function uiLanguage(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.VESTNIK_LANG?.trim() || env.LANG?.trim() || undefined;
}

/** The operator's language, for messages about the configuration itself. */
export function configTranslator(env: NodeJS.ProcessEnv = process.env): Translate {
  return translator(pickLang(uiLanguage(env)));
}

/** VAPID_SUBJECT's default: the sender address, unless it is a local one no push service could write to. */
function vapidSubject(env: Env, publicUrl: string): string {
  if (env.VAPID_SUBJECT) return env.VAPID_SUBJECT;
  const address = /<([^<>]+)>/.exec(env.MAIL_FROM)?.[1] ?? env.MAIL_FROM.trim();
  if (!/@(localhost|[^@]*\.local)$/i.test(address) || !publicUrl.startsWith('https:')) return `mailto:${address}`;
  return publicUrl;
}

function toConfig(env: Env, cwd: string): Config {
  const host = env.HOST;
  const bracketed = host.includes(':') ? `[${host}]` : host;
  const publicUrl = (env.PUBLIC_URL ?? `http://${bracketed}:${env.PORT}`).replace(/\/+$/, '');
  return {
    databaseUrl: env.DATABASE_URL,
    databaseReplicaUrl: env.DATABASE_REPLICA_URL,
    dataDir: path.resolve(cwd, env.VESTNIK_DATA_DIR),
    host,
    port: env.PORT,
    publicUrl,
    telegram: {
      token: env.TELEGRAM_BOT_TOKEN,
      apiRoot: env.TELEGRAM_API_ROOT,
      mode: env.TELEGRAM_MODE,
      webhookSecret: env.TELEGRAM_MODE === 'webhook' ? env.TELEGRAM_WEBHOOK_SECRET : undefined,
      globalRatePerSecond: env.TELEGRAM_RATE_PER_SECOND,
      sendTimeoutSeconds: env.TELEGRAM_SEND_TIMEOUT_SECONDS,
    },
    max: {
      token: env.MAX_BOT_TOKEN,
      apiRoot: env.MAX_API_ROOT,
      mode: env.MAX_MODE,
      webhookSecret: env.MAX_MODE === 'webhook' ? env.MAX_WEBHOOK_SECRET : undefined,
      ratePerSecond: env.MAX_RATE_PER_SECOND,
      sendTimeoutSeconds: env.MAX_SEND_TIMEOUT_SECONDS,
    },
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    email: { ratePerSecond: env.EMAIL_RATE_PER_SECOND, holdHours: env.EMAIL_HOLD_HOURS },
    secret: env.VESTNIK_SECRET,
    webPush: { publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY, subject: vapidSubject(env, publicUrl) },
    logLevel: env.LOG_LEVEL,
    logFormat: env.LOG_FORMAT,
    uiLang: env.VESTNIK_LANG ?? env.LANG,
    trustProxy: env.TRUST_PROXY,
    metricsToken: env.METRICS_TOKEN,
  };
}

export interface ConfigCheck {
  /** The variables as given (trimmed; empty ones left out). */
  given: Record<string, string>;
  /** Each variable's value in effect: as given, else its default (derived ones included). */
  effective: Record<string, unknown>;
  config: Config | undefined;
  problems: ConfigProblem[];
}

/** Validates the whole environment and keeps every problem, for `vestnik config check`. */
export function checkConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): ConfigCheck {
  const given = cleanEnv(env);
  // The mode picks which half of the schema applies, so its default is given before parsing.
  const parsed = envSchema.safeParse({ TELEGRAM_MODE: 'polling', MAX_MODE: 'polling', ...given });
  if (!parsed.success) return { given, effective: effectiveValues(given), config: undefined, problems: parsed.error.issues.map(problemOf) };
  const config = toConfig(parsed.data, cwd);
  return { given, effective: { ...parsed.data, VESTNIK_DATA_DIR: config.dataDir, PUBLIC_URL: config.publicUrl, VAPID_SUBJECT: config.webPush.subject }, config, problems: [] };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): Config {
  const { given, config, problems } = checkConfig(env, cwd);
  if (!config) throw new ConfigError(problems, given);
  return config;
}
