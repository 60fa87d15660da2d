// Part (b) of the notification benchmark: chat dispatch for Telegram and MAX in the same run,
// the same number of messages at the same configured rate, each against its fake Bot API
// enforcing that rate as a strict one-second sliding window (429 above it); then the same
// with a share of requests hanging until the send timeout; then with the fake not limiting at
// all and the sender still set to the rate: the capacity the dispatcher reaches by itself.
// Printed side by side, every run with its verdict against its target.
import type pg from 'pg';
import { createMaxSender } from '../src/channels/max/max-sender.js';
import { createTelegramSender } from '../src/channels/telegram/telegram-sender.js';
import { createDispatcher } from '../src/modules/delivery/dispatch-loop.js';
import type { ChannelSender } from '../src/modules/delivery/types.js';
import { createFakeMax } from '../test/support/fake-max/server.js';
import { maxFaults } from '../test/support/fake-max/faults.js';
import { createFakeTelegram, faults } from '../test/support/fake-telegram.js';
import { FIRST_CHAT_ID, queueMessages } from './notify-seed.js';

export interface ChatBenchOptions {
  rate: number;
  seconds: number;
  hangFraction: number;
  print: (line: string) => void;
}

interface Fake {
  channel: 'telegram' | 'max';
  sender(pool: pg.Pool): ChannelSender;
  reset(hangFraction: number): void;
  /** Whether the fake enforces the rate (off: the capacity run). */
  limit(on: boolean): void;
  /** When each delivered message was accepted, ascending. */
  deliveredAt(): number[];
  tooMany(): number;
  close(): Promise<void>;
}

interface Run {
  messages: number;
  span: number;
  perSecond: number;
  ratio: number;
  tooMany: number;
  jobSeconds: number;
}

async function telegramFake(rate: number): Promise<Fake> {
  const fake = await createFakeTelegram({ rateLimit: { globalPerSecond: rate, perChatPerSecond: 1 } });
  return {
    channel: 'telegram',
    sender: (pool) => createTelegramSender({ token: '123456:BENCH-TOKEN-abcdef', apiRoot: fake.apiRoot, perSecond: rate, pool }),
    reset(hangFraction) {
      fake.reset();
      if (hangFraction > 0) fake.addFault({ method: 'sendMessage', fraction: hangFraction, fault: faults.hang() });
    },
    deliveredAt: () => fake.callsOf('sendMessage').filter((c) => c.response?.ok).map((c) => c.at),
    limit: (on) => fake.setRateLimit(on ? { globalPerSecond: rate, perChatPerSecond: 1 } : false),
    tooMany: () => fake.stats.tooManyRequests,
    close: () => fake.close(),
  };
}

async function maxFake(rate: number, people: number): Promise<Fake> {
  const token = 'max-bench-token-0123456789';
  const fake = await createFakeMax({ token, perSecond: rate });
  const reach = () => {
    for (let id = FIRST_CHAT_ID + 1; id <= FIRST_CHAT_ID + people + 1; id += 1) fake.person(id);
  };
  reach();
  return {
    channel: 'max',
    // MAX publishes no per-user limit; the sender's default of one a second per user is kept.
    sender: (pool) => createMaxSender({ token, apiRoot: fake.apiRoot, perSecond: rate, pool }),
    reset(hangFraction) {
      fake.reset();
      if (hangFraction > 0) fake.addFault({ route: 'POST /messages', fraction: hangFraction, fault: maxFaults.hang() });
    },
    deliveredAt: () => fake.sent.map((m) => m.at).sort((a, b) => a - b),
    limit: (on) => fake.setRateLimit(on ? rate : false),
    tooMany: () => fake.stats.tooManyRequests,
    close: () => fake.close(),
  };
}

async function drain(pool: pg.Pool, channel: string): Promise<void> {
  for (;;) {
    const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox_messages WHERE "channelType" = $1 AND status IN ('queued', 'sending')`, [channel]);
    if (rows[0]?.n === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function run(pool: pg.Pool, fake: Fake, count: number, rate: number, hangFraction: number): Promise<Run> {
  await pool.query(`DELETE FROM outbox_messages WHERE "channelType" = $1`, [fake.channel]);
  await queueMessages(pool, count, fake.channel, rate * 10);
  fake.reset(hangFraction);
  // As the worker runs it: lanes bound requests in flight, the limiter paces them.
  const lanes = Math.max(32, rate);
  const dispatcher = createDispatcher({ pool, sender: fake.sender(pool), workerId: `bench-${fake.channel}`, concurrency: lanes, batchSize: Math.max(rate * 2, lanes) });
  const started = performance.now();
  dispatcher.start();
  await drain(pool, fake.channel);
  const jobSeconds = (performance.now() - started) / 1000;
  await dispatcher.stop();
  const times = fake.deliveredAt();
  const span = ((times.at(-1) ?? 0) - (times[0] ?? 0)) / 1000;
  // Steady state without the opening burst a sliding window allows (RATE messages at once):
  // conservative for evenly paced sending, fair for bursty.
  const perSecond = (times.length - rate) / span;
  return { messages: times.length, span, perSecond, ratio: perSecond / rate, tooMany: fake.tooMany(), jobSeconds };
}

export async function chatDispatchPart(pool: pg.Pool, options: ChatBenchOptions): Promise<void> {
  const { rate, print } = options;
  const count = rate * options.seconds;
  const fakes = [await telegramFake(rate), await maxFake(rate, count)];
  const clean: Run[] = [];
  const hung: Run[] = [];
  const capacity: Run[] = [];
  try {
    for (const fake of fakes) clean.push(await run(pool, fake, count, rate, 0));
    if (options.hangFraction > 0) for (const fake of fakes) hung.push(await run(pool, fake, count, rate, options.hangFraction));
    for (const fake of fakes) {
      fake.limit(false);
      capacity.push(await run(pool, fake, count, rate, 0));
      fake.limit(true);
    }
  } finally {
    for (const fake of fakes) await fake.close();
  }
  const verdict = (pass: boolean) => (pass ? 'PASS' : 'FAIL');
  print(`(b) chat dispatch at RATE=${rate}/s, ${count} messages a run per channel`);
  print(`    paced: the fake enforces ${rate}/s as a strict one-second window — target rate ÷ RATE ≥ 0.95, no 429, all delivered`);
  if (hung.length) print(`    hanging: ${(options.hangFraction * 100).toFixed(1)} % of requests hang until the send timeout — target all delivered, no 429, rate ÷ RATE ≥ 0.9 (the other lanes keep sending)`);
  print(`    capacity: the fake does not limit, the sender is set to ${rate}/s — target rate ÷ RATE ≥ 0.95 (the dispatcher keeps up with its limiter)`);
  print('    channel    run        messages   span s   rate/s   ÷ RATE   429s   job s   verdict');
  const line = (channel: string, name: string, r: Run, pass: boolean) =>
    print(`    ${channel.padEnd(9)}  ${name.padEnd(9)}  ${String(r.messages).padStart(8)}   ${r.span.toFixed(1).padStart(6)}   ${r.perSecond.toFixed(2).padStart(6)}   ${r.ratio.toFixed(3).padStart(6)}   ${String(r.tooMany).padStart(4)}   ${r.jobSeconds.toFixed(1).padStart(5)}   ${verdict(pass)}`);
  fakes.forEach((fake, i) => {
    const c = clean[i]!;
    line(fake.channel, 'paced', c, c.ratio >= 0.95 && c.tooMany === 0 && c.messages === count);
    const h = hung[i];
    if (h) line(fake.channel, 'hanging', h, h.messages === count && h.tooMany === 0 && h.ratio >= 0.9);
    const k = capacity[i]!;
    line(fake.channel, 'capacity', k, k.ratio >= 0.95 && k.messages === count);
  });
}
