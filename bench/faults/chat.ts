// The chat messenger a fault stage sends to: Telegram's fake Bot API or MAX's, behind one
// face, so each chat scenario runs for both with the same families and the same faults in
// each messenger's own words.
import { createFakeMax, type FakeMax } from '../../test/support/fake-max/server.js';
import { maxFaults } from '../../test/support/fake-max/faults.js';
import { createFakeTelegram, faults, type FakeTelegram } from '../../test/support/fake-telegram.js';

export type ChatKind = 'telegram' | 'max';

export interface StageChat {
  kind: ChatKind;
  /** The worker's environment for this messenger. */
  env(ratePerSecond: number): Record<string, string>;
  /** Delivered messages: recipient and when. */
  delivered(): Array<{ address: number; at: number }>;
  /** 429s for going over the bot's rate (not injected ones). */
  tooManyRequests(): number;
  /** Recipients firstChat + 1 … firstChat + count have opened the bot (MAX writes only to them). */
  reach(firstChat: number, count: number): void;
  /** Every send answered 429 until removed; Telegram asks for 15 s (longer than a lease), MAX says nothing. */
  storm(): { hits(): number; remove(): void };
  serverErrors(times: number): { hits(): number };
  /** The parent stopped (blocked) the bot. */
  block(address: number): void;
  /** One send to this recipient answered only after `ms` (and still delivered). */
  delay(address: number, ms: number): void;
  /** The Telegram fake, for the scenarios that are Telegram's alone. */
  telegram?: FakeTelegram;
  close(): Promise<void>;
}

const TELEGRAM_TOKEN = '123456:FAULTS-TOKEN-abcdef';
const MAX_TOKEN = 'faults-max-token-0123456789';

export async function createStageChat(kind: ChatKind, options: { ratePerSecond: number; perChatPerSecond?: number }): Promise<StageChat> {
  return kind === 'max' ? maxChat(await createFakeMax({ token: MAX_TOKEN, perSecond: options.ratePerSecond })) : telegramChat(await createFakeTelegram({ token: TELEGRAM_TOKEN, rateLimit: { globalPerSecond: options.ratePerSecond, perChatPerSecond: options.perChatPerSecond ?? 1 } }));
}

function telegramChat(fake: FakeTelegram): StageChat {
  return {
    kind: 'telegram',
    telegram: fake,
    env: (rate) => ({ TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN, TELEGRAM_API_ROOT: fake.apiRoot, TELEGRAM_RATE_PER_SECOND: String(rate) }),
    delivered: () => fake.sentMessages().filter((m) => m.method === 'sendMessage').map((m) => ({ address: Number(m.chat_id), at: m.at })),
    tooManyRequests: () => fake.stats.tooManyRequests,
    reach: () => undefined,
    storm() {
      const rule = fake.addFault({ method: 'sendMessage', fault: faults.tooManyRequests(15) });
      return { hits: () => rule.hits, remove: () => rule.remove() };
    },
    serverErrors(times) {
      const rule = fake.addFault({ method: 'sendMessage', times, fault: faults.serverError() });
      return { hits: () => rule.hits };
    },
    block: (address) => void fake.addFault({ method: 'sendMessage', chatId: address, fault: faults.blocked() }),
    delay: (address, ms) => void fake.addFault({ method: 'sendMessage', chatId: address, times: 1, fault: faults.delay(ms) }),
    close: () => fake.close(),
  };
}

function maxChat(fake: FakeMax): StageChat {
  const injected = (rule: { remove(): void }) => {
    const before = fake.stats.injected;
    return { hits: () => fake.stats.injected - before, remove: () => rule.remove() };
  };
  return {
    kind: 'max',
    env: (rate) => ({ MAX_BOT_TOKEN: MAX_TOKEN, MAX_API_ROOT: fake.apiRoot, MAX_RATE_PER_SECOND: String(rate) }),
    delivered: () => fake.sent.map((m) => ({ address: m.userId, at: m.at })),
    tooManyRequests: () => fake.stats.tooManyRequests,
    reach(firstChat, count) {
      for (let i = 1; i <= count; i += 1) fake.person(firstChat + i);
    },
    storm: () => injected(fake.addFault({ route: 'POST /messages', fault: maxFaults.tooManyRequests() })),
    serverErrors: (times) => injected(fake.addFault({ route: 'POST /messages', times, fault: maxFaults.serverError(503) })),
    block: (address) => void fake.stopBot(address),
    delay: (address, ms) => void fake.addFault({ route: 'POST /messages', userId: address, times: 1, fault: maxFaults.delay(ms) }),
    close: () => fake.close(),
  };
}
