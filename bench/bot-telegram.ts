// The Telegram side of the bot benchmark: grammY runner polling the fake Bot API, each
// update timed around bot.handleUpdate.
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { createTelegramBot } from '../src/channels/telegram/create-telegram-bot.js';
import { startPolling } from '../src/channels/telegram/run-telegram.js';
import { loadConfig } from '../src/config/env.js';
import type { Database } from '../src/db/open-database.js';
import { createFakeTelegram } from '../test/support/fake-telegram.js';
import { COMMANDS, errorCounter, measureRounds, type AdapterResult } from './bot-load.js';
import { FIRST_CHAT_ID, STUDENTS } from './bot-seed.js';

const TOKEN = '123456:BENCH-token-abcdefgh';

export async function measureTelegram(db: Database, databaseUrl: string, options: { seconds: number; rate: number; rounds: number; secret: string }): Promise<AdapterResult> {
  const telegram = await createFakeTelegram({ token: TOKEN });
  try {
    const errors = errorCounter();
    const config = loadConfig({ DATABASE_URL: databaseUrl, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: telegram.apiRoot, VESTNIK_SECRET: options.secret });
    const bot = createTelegramBot({ config, prisma: db.prisma, logger: errors.logger, secret: options.secret });
    const timings: number[] = [];
    const handle = bot.handleUpdate.bind(bot);
    bot.handleUpdate = async (update, webhookReplyEnvelope) => {
      const t0 = performance.now();
      try {
        return await handle(update, webhookReplyEnvelope);
      } finally {
        timings.push(performance.now() - t0);
      }
    };
    const runner = await startPolling(bot, errors.logger);

    // Warm-up: the first queries compile Prisma's plans and fill PostgreSQL's caches.
    for (const command of COMMANDS) telegram.sendCommand(FIRST_CHAT_ID + 1, command);
    await telegram.waitFor(() => timings.length >= COMMANDS.length || undefined, 30_000);
    timings.length = 0;
    errors.reset();

    // BENCH_PROFILE=<file.cpuprofile> records a CPU profile of the measured phase only.
    const profiler = process.env.BENCH_PROFILE ? new Session() : undefined;
    if (profiler) {
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.start');
    }
    const total = options.seconds * options.rate;
    console.log(`[Telegram] feeding ${total} updates at ${options.rate}/s in ${options.rounds} rounds, each followed by a baseline round…`);
    const fed = performance.now();
    const measured = await measureRounds(
      { rounds: options.rounds, seconds: options.seconds, rate: options.rate, timings, send: (parent, command) => telegram.sendCommand(FIRST_CHAT_ID + 1 + parent, command), waitForHandled: (n) => telegram.waitFor(() => timings.length >= n || undefined, 120_000) },
      STUDENTS,
    );
    const drainSeconds = (performance.now() - fed) / 1000;
    await runner.stop();
    if (profiler) {
      const { profile } = await profiler.post('Profiler.stop');
      await writeFile(process.env.BENCH_PROFILE!, JSON.stringify(profile));
    }
    const apiErrors = telegram.calls.filter((c) => c.response && !c.response.ok && c.method !== 'getUpdates').length;
    return { adapter: 'Telegram', timings: measured.timings, rounds: measured.rounds, baseline: measured.baseline, handlerErrors: errors.count(), apiErrors, errorKinds: errors.kinds(), drainSeconds };
  } finally {
    await telegram.close();
  }
}
