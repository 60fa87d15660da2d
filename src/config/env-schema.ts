// Every environment variable Vestnik reads, declared once: its type, default and rule.
// Settings that belong to one mode are declared in that mode only (the Telegram webhook's
// secret is required in webhook mode and read nowhere else), as in bot-base's
// telegram-bot-template. Failures carry a locale key (config:problems.*) and its values,
// so every problem is reported at once and in the operator's language.
import { createECDH } from 'node:crypto';
import { isIP } from 'node:net';
import { z } from 'zod';
import { BOT_TOKEN_FORMATS } from '../lib/bot-token-formats.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const LOG_FORMATS = ['auto', 'pretty', 'json'] as const;
const TELEGRAM_MODES = ['polling', 'webhook'] as const;
const MAX_MODES = ['polling', 'webhook'] as const;
const PROXY_KEYWORDS = ['loopback', 'linklocal', 'uniquelocal'];

/** A failure message: the locale key and its values, decoded again by problemOf(). */
function says(key: string, values: Record<string, unknown> = {}) {
  return { error: () => JSON.stringify([key, values]), abort: true };
}

function url(protocols: string[]) {
  return z
    .string()
    .refine((value) => URL.canParse(value), says('url'))
    .refine((value) => protocols.includes(new URL(value).protocol), says('protocol', { protocols: protocols.map((p) => `${p}//`).join(', ') }));
}

function integer(min: number, max: number, fallback: number) {
  const rule = says('integer', { min, max });
  return z
    .string()
    .regex(/^\d+$/, rule)
    .transform(Number)
    .pipe(z.number().min(min, rule).max(max, rule))
    // prefault, not default: the default goes through the same parsing as a given value.
    .prefault(String(fallback));
}

function choice<T extends readonly [string, ...string[]]>(choices: T, fallback: T[number]) {
  return z.enum(choices, says('choice', { choices: choices.join(', ') })).default(fallback);
}

/** TRUST_PROXY: unset = trust nobody (a client could otherwise pick its own address). */
const trustProxy = z
  .string()
  .optional()
  .transform((value, ctx): boolean | string[] => {
    if (value === undefined || value === 'false') return false;
    if (value === 'true') return true;
    const entries = value.split(',').map((entry) => entry.trim()).filter(Boolean);
    for (const entry of entries) {
      const [address, bits, extra] = entry.split('/');
      const family = isIP(address ?? '');
      const bitsOk = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
      if (!PROXY_KEYWORDS.includes(entry) && (family === 0 || !bitsOk || extra !== undefined)) {
        ctx.addIssue({ code: 'custom', message: says('trustProxy', { entry, keywords: PROXY_KEYWORDS.join(', ') }).error() });
      }
    }
    return entries.length > 0 ? entries : false;
  });

/** A P-256 key in base64url, as web-push and browsers write it: the public point (65 bytes) or the private scalar (32). */
function vapidKey(bytes: 65 | 32, key: string) {
  return z.string().refine((value) => {
    if (!/^[A-Za-z0-9_-]+$/.test(value)) return false;
    const raw = Buffer.from(value, 'base64url');
    return raw.length === bytes && (bytes === 32 || raw[0] === 4);
  }, says(key));
}

/** The public key the private one gives, or undefined when the private key is no P-256 scalar. */
function publicKeyOf(privateKey: string): string | undefined {
  try {
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(Buffer.from(privateKey, 'base64url'));
    return ecdh.getPublicKey().toString('base64url');
  } catch {
    return undefined;
  }
}

const common = z.object({
  DATABASE_URL: url(['postgres:', 'postgresql:']).optional(),
  /** A streaming replica of DATABASE_URL's server, for the read-heavy paths; unset: everything reads the primary. */
  DATABASE_REPLICA_URL: url(['postgres:', 'postgresql:']).optional(),
  VESTNIK_DATA_DIR: z.string().default('./var'),
  HOST: z.string().default('127.0.0.1'),
  PORT: integer(0, 65535, 3000),
  PUBLIC_URL: url(['http:', 'https:']).optional(),
  TELEGRAM_BOT_TOKEN: z.string().regex(BOT_TOKEN_FORMATS.telegram, says('botToken')).optional(),
  TELEGRAM_API_ROOT: url(['http:', 'https:']).optional(),
  TELEGRAM_RATE_PER_SECOND: integer(1, 1000, 30),
  TELEGRAM_SEND_TIMEOUT_SECONDS: integer(1, 120, 10),
  /** Unset: MAX is off (said once in the log). */
  MAX_BOT_TOKEN: z.string().regex(BOT_TOKEN_FORMATS.max, says('maxToken')).optional(),
  MAX_API_ROOT: url(['http:', 'https:']).optional(),
  /** MAX answers 429 above 30 requests per second per bot. */
  MAX_RATE_PER_SECOND: integer(1, 1000, 30),
  MAX_SEND_TIMEOUT_SECONDS: integer(1, 120, 10),
  SMTP_URL: url(['smtp:', 'smtps:']).optional(),
  MAIL_FROM: z.string().regex(/@/, says('mailFrom')).default('Vestnik <vestnik@localhost>'),
  EMAIL_RATE_PER_SECOND: integer(1, 1000, 20),
  EMAIL_HOLD_HOURS: integer(1, 720, 72),
  VESTNIK_SECRET: z.string().min(16, says('secretLength')).optional(),
  /** Unset (both): a key pair generated once and kept in the data folder (see resolveVapidKeys). */
  VAPID_PUBLIC_KEY: vapidKey(65, 'vapidPublicKey').optional(),
  VAPID_PRIVATE_KEY: vapidKey(32, 'vapidPrivateKey').optional(),
  /** The contact push services may write to about our pushes; unset: derived from MAIL_FROM or PUBLIC_URL. */
  VAPID_SUBJECT: url(['mailto:', 'https:']).optional(),
  LOG_LEVEL: choice(LOG_LEVELS, 'info'),
  LOG_FORMAT: choice(LOG_FORMATS, 'auto'),
  TRUST_PROXY: trustProxy,
  /** Set: /metrics answers only requests carrying it as a Bearer token. */
  METRICS_TOKEN: z.string().optional(),
  VESTNIK_LANG: z.string().optional(),
  LANG: z.string().optional(),
});

const telegramMode = z.discriminatedUnion(
  'TELEGRAM_MODE',
  [
    z.object({ TELEGRAM_MODE: z.literal('polling') }),
    z.object({
      TELEGRAM_MODE: z.literal('webhook'),
      // Telegram echoes it in X-Telegram-Bot-Api-Secret-Token; it allows only these characters.
      TELEGRAM_WEBHOOK_SECRET: z.string(says('webhookSecretRequired')).regex(/^[A-Za-z0-9_-]{1,256}$/, says('webhookSecretFormat')),
    }),
  ],
  says('choice', { choices: TELEGRAM_MODES.join(', ') }),
);

const maxMode = z.discriminatedUnion(
  'MAX_MODE',
  [
    z.object({ MAX_MODE: z.literal('polling') }),
    z.object({
      MAX_MODE: z.literal('webhook'),
      // MAX echoes it in X-Max-Bot-Api-Secret; its subscription API takes 5–256 such characters.
      MAX_WEBHOOK_SECRET: z.string(says('maxWebhookSecretRequired')).regex(/^[A-Za-z0-9_-]{5,256}$/, says('maxWebhookSecretFormat')),
    }),
  ],
  says('choice', { choices: MAX_MODES.join(', ') }),
);

/** The VAPID keys come as a pair: one without the other, or two that do not belong together, would sign pushes nobody can verify. */
const vapidPair = z.object({ VAPID_PUBLIC_KEY: z.string().optional(), VAPID_PRIVATE_KEY: z.string().optional() }).superRefine((env, ctx) => {
  const { VAPID_PUBLIC_KEY: publicKey, VAPID_PRIVATE_KEY: privateKey } = env;
  if (!publicKey && !privateKey) return;
  if (!publicKey || !privateKey) {
    const missing = publicKey ? 'VAPID_PRIVATE_KEY' : 'VAPID_PUBLIC_KEY';
    ctx.addIssue({ code: 'custom', path: [missing], message: says('vapidPairMissing', { other: publicKey ? 'VAPID_PUBLIC_KEY' : 'VAPID_PRIVATE_KEY' }).error() });
    return;
  }
  // A malformed key is reported by its own rule; only two well-formed keys can be a mismatch.
  if (!vapidKey(65, '').safeParse(publicKey).success || !vapidKey(32, '').safeParse(privateKey).success) return;
  const derived = publicKeyOf(privateKey);
  if (derived === undefined) ctx.addIssue({ code: 'custom', path: ['VAPID_PRIVATE_KEY'], message: says('vapidPrivateKey').error() });
  else if (derived !== publicKey) ctx.addIssue({ code: 'custom', path: ['VAPID_PUBLIC_KEY'], message: says('vapidPairMismatch').error() });
});

/** A replica copies a server of one's own: the embedded server has none. */
const replicaOfPrimary = z.object({ DATABASE_URL: z.string().optional(), DATABASE_REPLICA_URL: z.string().optional() }).superRefine((env, ctx) => {
  if (env.DATABASE_REPLICA_URL && !env.DATABASE_URL) ctx.addIssue({ code: 'custom', path: ['DATABASE_REPLICA_URL'], message: says('replicaWithoutPrimary').error() });
});

/** The whole environment: every part is checked, so their problems are reported together. */
export const envSchema = z.intersection(z.intersection(z.intersection(z.intersection(common, telegramMode), maxMode), vapidPair), replicaOfPrimary);
export type Env = z.output<typeof envSchema>;

/** Every variable the schema reads, in the order `vestnik config check` lists them. */
export const VARIABLES = [...Object.keys(common.shape), 'TELEGRAM_MODE', 'TELEGRAM_WEBHOOK_SECRET', 'MAX_MODE', 'MAX_WEBHOOK_SECRET'] as const;

export interface ConfigProblem {
  variable: string;
  /** Locale key under config:problems. */
  key: string;
  values: Record<string, unknown>;
}

export function problemOf(issue: z.core.$ZodIssue): ConfigProblem {
  const variable = String(issue.path[0] ?? '');
  try {
    const [key, values] = JSON.parse(issue.message) as [string, Record<string, unknown>];
    return { variable, key, values };
  } catch {
    return { variable, key: 'invalid', values: {} };
  }
}

/** Trimmed values of the variables the schema reads; an empty variable counts as unset. */
export function cleanEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const clean: Record<string, string> = {};
  for (const name of VARIABLES) {
    const value = env[name]?.trim();
    if (value) clean[name] = value;
  }
  return clean;
}

/** Each valid variable's value (its default when unset), when the whole does not parse. */
export function effectiveValues(given: Record<string, string>): Record<string, unknown> {
  const values: Record<string, unknown> = { ...given };
  for (const [name, rule] of Object.entries(common.shape)) {
    const parsed = rule.safeParse(given[name]);
    if (parsed.success) values[name] = parsed.data;
  }
  values.TELEGRAM_MODE ??= 'polling';
  values.MAX_MODE ??= 'polling';
  return values;
}
