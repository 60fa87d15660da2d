// Server-side handling time of the parent bot under load: 100 updates/s of /marks,
// /forecast and /schedule from random parents, through grammY runner against a fake
// Bot API on loopback, over 1,000,000 marks and 10,000 linked parents.
//   npm run bench:bot            (BENCH_SECONDS=N to shorten, default 60; BENCH_RATE=N updates/s, default 100)
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { createTelegramBot } from '../src/channels/telegram/create-telegram-bot.js';
import { startPolling } from '../src/channels/telegram/run-telegram.js';
import { loadConfig } from '../src/config/env.js';
import { openEmbeddedPostgres } from '../src/db/embedded-postgres.js';
import { applyMigrations } from '../src/db/migrate.js';
import { connectDatabase } from '../src/db/open-database.js';
import { createLogger } from '../src/lib/logger.js';
import { createFakeTelegram } from '../test/support/fake-telegram.js';
import { FIRST_CHAT_ID, seedBench, STUDENTS } from './bot-seed.js';
import { percentile } from './percentile.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 60);
const rate = Number(process.env.BENCH_RATE ?? 100);
const TOKEN = '123456:BENCH-token-abcdefgh';
const COMMANDS = ['/marks', '/forecast', '/schedule'];

async function main(): Promise<void> {
  const quiet = createLogger('warn');
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vestnik-bench-bot-'));
  const server = await openEmbeddedPostgres(dataDir, quiet);
  const db = connectDatabase(server.url, { poolSize: 20, onClose: () => server.stop() });
  const telegram = await createFakeTelegram({ token: TOKEN });
  try {
    await applyMigrations(db.pool, quiet);
    let started = performance.now();
    await seedBench(db.pool);
    console.log(`seeded ${STUDENTS} parents and ${STUDENTS * 100} marks in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    let errors = 0;
    const logger = pino({ level: 'warn' }, { write: (line: string) => void ((JSON.parse(line) as { level: number }).level >= 50 && (errors += 1)) });
    const config = loadConfig({ DATABASE_URL: server.url, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: telegram.apiRoot, VESTNIK_SECRET: 'bench-secret-0123456789' });
    const bot = createTelegramBot({ config, prisma: db.prisma, logger, secret: 'bench-secret-0123456789' });
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
    const runner = await startPolling(bot, logger);

    // Warm-up: the first queries compile Prisma's plans and fill PostgreSQL's caches.
    for (const command of COMMANDS) telegram.sendCommand(FIRST_CHAT_ID + 1, command);
    await telegram.waitFor(() => timings.length >= COMMANDS.length || undefined, 30_000);
    timings.length = 0;
    errors = 0;

    // BENCH_PROFILE=<file.cpuprofile> records a CPU profile of the measured phase only.
    const profiler = process.env.BENCH_PROFILE ? new Session() : undefined;
    if (profiler) {
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.start');
    }
    const total = seconds * rate;
    console.log(`feeding ${total} updates at ${rate}/s for ${seconds} s…`);
    started = performance.now();
    for (let i = 0; i < total; i++) {
      const due = started + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const chat = FIRST_CHAT_ID + 1 + Math.floor(Math.random() * STUDENTS);
      telegram.sendCommand(chat, COMMANDS[i % COMMANDS.length]!);
    }
    await telegram.waitFor(() => timings.length >= total || undefined, 120_000);
    await runner.stop();
    if (profiler) {
      const { profile } = await profiler.post('Profiler.stop');
      await writeFile(process.env.BENCH_PROFILE!, JSON.stringify(profile));
    }

    const failedCalls = telegram.calls.filter((c) => c.response && !c.response.ok && c.method !== 'getUpdates').length;
    const sorted = [...timings].sort((a, b) => a - b);
    const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
    console.log(`updates handled: ${timings.length}`);
    console.log(`handling time p50 ${fmt(percentile(sorted, 50))}  p99 ${fmt(percentile(sorted, 99))}  max ${fmt(sorted.at(-1) ?? NaN)}`);
    console.log(`errors: ${errors} handler, ${failedCalls} Bot API`);
    console.log(percentile(sorted, 99) < 50 && errors + failedCalls === 0 ? 'target met: p99 < 50 ms, zero errors' : 'TARGET MISSED: p99 < 50 ms with zero errors');
  } finally {
    await telegram.close();
    await db.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
