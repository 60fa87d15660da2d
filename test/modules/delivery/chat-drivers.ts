// The two chat messengers behind one face, so a delivery test runs once per channel over
// real HTTP: Telegram through its fake Bot API, MAX through its fake Bot API. Each driver
// starts its fake, builds the production sender for it, gives families a chat on it, and
// injects the same faults in that messenger's own words.
import { createTelegramSender } from '../../../src/channels/telegram/telegram-sender.js';
import { createMaxSender } from '../../../src/channels/max/max-sender.js';
import type { PrismaClient } from '../../../src/db/prisma.js';
import type { ChannelSender } from '../../../src/modules/delivery/types.js';
import { createFakeMax, type FakeMax } from '../../support/fake-max/server.js';
import { maxFaults } from '../../support/fake-max/faults.js';
import { createFakeTelegram, faults, type FakeTelegram } from '../../support/fake-telegram.js';
import { createFamily, type Family } from '../notifications/fixtures.js';

export interface Delivered {
  address: string;
  id: string;
  text: string;
  /** Sent as HTML (Telegram's parse_mode, MAX's format). */
  html: boolean;
  /** The button under the message, if any. */
  button?: { text: string; payload: string };
  at: number;
}

export interface FaultScope {
  times?: number;
  fraction?: number;
  address?: string;
}

export interface SenderOptions {
  perSecond: number;
  perChatPerSecond?: number;
  timeoutSeconds?: number;
  pool?: import('pg').Pool;
}

export interface ChatDriver {
  readonly type: 'telegram' | 'max';
  /** The messenger's limit on one message's text. */
  readonly limit: number;
  readonly apiRoot: string;
  readonly token: string;
  start(): Promise<void>;
  close(): Promise<void>;
  /** Forgets what was sent and every fault; the rate limit goes off. */
  reset(): void;
  /** Enforce the messenger's per-bot rate (429 above it), or not. */
  setRate(perSecond: number | false): void;
  sender(options: SenderOptions): ChannelSender;
  /** A family whose guardian has a chat here (and the email, when given). */
  family(prisma: PrismaClient, options?: { address?: string; email?: string }): Promise<Family & { address: string }>;
  /** Users who opened the bot (MAX writes only to them), for seeded addresses. */
  reach(from: number, to: number): void;
  delivered(address?: string): Delivered[];
  /** 429s answered for going over the rate (not the injected ones). */
  overRate(): number;
  /** Send requests received, answered or not. */
  sendCalls(): number;
  /** Resolves once at least n send requests have arrived. */
  waitForSends(n: number, timeoutMs?: number): Promise<void>;
  serverError(scope?: FaultScope): void;
  flood(scope?: FaultScope): void;
  hang(scope?: FaultScope): void;
  delay(ms: number, scope?: FaultScope): void;
  /** The connection closes without an answer. */
  dropConnection(scope?: FaultScope): void;
  /** A 400 that no retry will change. */
  badRequest(scope?: FaultScope): void;
  clearFaults(): void;
  /** The parent stopped (blocked) the bot. */
  stop(address: string): void;
  /** The chat is gone for good (Telegram: unknown chat; MAX: dialog removed). */
  remove(address: string): void;
}

let nextAddress = 0;

export function telegramDriver(): ChatDriver {
  let fake: FakeTelegram;
  const token = '123456:TEST-TOKEN-abcdef';
  const rule = (scope: FaultScope | undefined, fault: Parameters<FakeTelegram['addFault']>[0]['fault']) =>
    fake.addFault({ method: 'sendMessage', times: scope?.times, fraction: scope?.fraction, chatId: scope?.address, fault });
  return {
    type: 'telegram',
    limit: 4096,
    token,
    get apiRoot() {
      return fake.apiRoot;
    },
    async start() {
      fake = await createFakeTelegram({ rateLimit: false, checkHtml: true });
    },
    close: () => fake.close(),
    reset() {
      fake.reset();
      fake.setRateLimit(false);
    },
    setRate: (perSecond) => fake.setRateLimit(perSecond === false ? false : { globalPerSecond: perSecond, perChatPerSecond: 1 }),
    sender: (o) => createTelegramSender({ token, apiRoot: fake.apiRoot, perSecond: o.perSecond, perChatPerSecond: o.perChatPerSecond ?? 500, timeoutSeconds: o.timeoutSeconds, pool: o.pool }),
    async family(prisma, options = {}) {
      const address = options.address ?? String(3_100_000 + (nextAddress += 1));
      return { ...(await createFamily(prisma, { telegramChat: address, email: options.email })), address };
    },
    reach: () => undefined,
    delivered: (address) =>
      fake.sentMessages(address).map((m) => {
        const button = m.reply_markup?.inline_keyboard?.[0]?.[0];
        return { address: String(m.chat_id), id: String(m.message_id), text: m.text, html: m.parse_mode === 'HTML', at: m.at, button: button ? { text: button.text, payload: String(button.callback_data) } : undefined };
      }),
    overRate: () => fake.stats.tooManyRequests,
    sendCalls: () => fake.callsOf('sendMessage').length,
    waitForSends: async (n, timeoutMs = 60_000) => void (await fake.waitFor((calls) => calls.filter((c) => c.method === 'sendMessage').length >= n || undefined, timeoutMs)),
    serverError: (scope) => void rule(scope, faults.serverError()),
    flood: (scope) => void rule(scope, faults.tooManyRequests(1)),
    hang: (scope) => void rule(scope, faults.hang()),
    delay: (ms, scope) => void rule(scope, faults.delay(ms)),
    dropConnection: (scope) => void rule(scope, faults.dropConnection()),
    badRequest: (scope) => void rule(scope, faults.error(400, 'Bad Request: message is too long')),
    clearFaults: () => fake.clearFaults(),
    stop: (address) => void rule({ address }, faults.blocked()),
    remove: (address) => void rule({ address }, faults.chatNotFound()),
  };
}

export function maxDriver(): ChatDriver {
  let fake: FakeMax;
  const token = 'max-test-token-0123456789';
  const rule = (scope: FaultScope | undefined, fault: ReturnType<(typeof maxFaults)['hang']>) =>
    fake.addFault({ route: 'POST /messages', times: scope?.times, fraction: scope?.fraction, userId: scope?.address ? Number(scope.address) : undefined, fault });
  return {
    type: 'max',
    limit: 4000,
    token,
    get apiRoot() {
      return fake.apiRoot;
    },
    async start() {
      fake = await createFakeMax({ token, perSecond: 30 });
      fake.setRateLimit(false);
    },
    close: () => fake.close(),
    reset() {
      fake.reset();
      fake.setRateLimit(false);
    },
    setRate: (perSecond) => fake.setRateLimit(perSecond),
    sender: (o) => createMaxSender({ token, apiRoot: fake.apiRoot, perSecond: o.perSecond, perChatPerSecond: o.perChatPerSecond ?? 500, timeoutSeconds: o.timeoutSeconds, pool: o.pool }),
    async family(prisma, options = {}) {
      const address = options.address ?? String(4_100_000 + (nextAddress += 1));
      fake.startBot(Number(address));
      const family = await createFamily(prisma, { telegramChat: null, email: options.email });
      await prisma.channel.create({ data: { guardianId: family.guardianId, type: 'max', address, verified: true } });
      return { ...family, address };
    },
    reach(from, to) {
      for (let id = from; id <= to; id += 1) fake.person(id);
    },
    delivered: (address) =>
      fake.sent
        .filter((m) => address === undefined || String(m.userId) === address)
        .map((m) => {
          const button = m.buttons[0]?.[0];
          return { address: String(m.userId), id: m.mid, text: m.text, html: m.format === 'html', at: m.at, button: button ? { text: button.text, payload: String(button.payload) } : undefined };
        }),
    overRate: () => fake.stats.tooManyRequests,
    sendCalls: () => fake.callsOf('POST /messages').length,
    waitForSends: async (n, timeoutMs = 60_000) => void (await fake.waitFor(() => fake.callsOf('POST /messages').length >= n || undefined, timeoutMs)),
    serverError: (scope) => void rule(scope, maxFaults.serverError(503)),
    flood: (scope) => void rule(scope, maxFaults.tooManyRequests()),
    hang: (scope) => void rule(scope, maxFaults.hang()),
    delay: (ms, scope) => void rule(scope, maxFaults.delay(ms)),
    dropConnection: (scope) => void rule(scope, maxFaults.dropConnection()),
    badRequest: (scope) => void rule(scope, maxFaults.badRequest()),
    clearFaults: () => fake.clearFaults(),
    stop: (address) => void fake.stopBot(Number(address)),
    remove: (address) => void fake.removeDialog(Number(address)),
  };
}

/** One row per chat messenger, for describe.each. */
export const chatDrivers = (): Array<[string, ChatDriver]> => [
  ['Telegram', telegramDriver()],
  ['MAX', maxDriver()],
];

/** Deliveries per address in [from, to]. */
export function deliveredPerChat(driver: ChatDriver, from = 0, to = Number.MAX_SAFE_INTEGER): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of driver.delivered()) {
    const n = Number(m.address);
    if (n >= from && n <= to) counts.set(m.address, (counts.get(m.address) ?? 0) + 1);
  }
  return counts;
}
