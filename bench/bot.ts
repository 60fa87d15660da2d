// Server-side handling time of the parent bot under load, Telegram and MAX in the same run:
// 100 updates/s of /marks, /forecast and /schedule from random parents, first through
// grammY runner against a fake Telegram Bot API, then through MAX long polling against a
// fake MAX Bot API, both on loopback, over the same 1,000,000 marks and 10,000 parents
// (each linked in both messengers). The load comes in rounds, each followed by a baseline
// round of /help at the same rate; each round's p99, their spread and p99 ÷ baseline are printed.
//   npm run bench:bot            (BENCH_SECONDS=N to shorten, default 60 per adapter; BENCH_RATE=N updates/s, default 100; BENCH_ROUNDS=N, default 5;
//                                 BENCH_ADAPTERS=telegram or max for one alone)
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openEmbeddedPostgres } from '../src/db/embedded-postgres.js';
import { applyMigrations } from '../src/db/migrate.js';
import { connectDatabase } from '../src/db/open-database.js';
import { createLogger } from '../src/lib/logger.js';
import { printResult, printSideBySide, type AdapterResult } from './bot-load.js';
import { measureMax } from './bot-max.js';
import { seedBench, STUDENTS } from './bot-seed.js';
import { measureTelegram } from './bot-telegram.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 60);
const rate = Number(process.env.BENCH_RATE ?? 100);
/** One run's p99 swung 5.5× between runs: the figures are reported per round, with their spread. */
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const SECRET = 'bench-secret-0123456789';
/** BENCH_ADAPTERS=max (or telegram) measures one alone. */
const only = (process.env.BENCH_ADAPTERS ?? 'telegram,max').split(',').map((name) => name.trim()) as Array<'telegram' | 'max'>;

async function main(): Promise<void> {
  const quiet = createLogger('warn');
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vestnik-bench-bot-'));
  const server = await openEmbeddedPostgres(dataDir, quiet);
  const db = connectDatabase(server.url, { poolSize: 20, onClose: () => server.stop() });
  try {
    await applyMigrations(db.pool, quiet);
    const started = performance.now();
    await seedBench(db.pool);
    console.log(`seeded ${STUDENTS} parents and ${STUDENTS * 100} marks in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    // One adapter at a time, so neither measures the other's load.
    const results: AdapterResult[] = [];
    const adapters = { telegram: measureTelegram, max: measureMax };
    const unknown = only.filter((name) => !(name in adapters));
    if (unknown.length > 0) throw new Error(`BENCH_ADAPTERS: unknown ${unknown.join(', ')}; choose from telegram, max`);
    for (const measure of only.map((name) => adapters[name])) {
      const result = await measure(db, server.url, { seconds, rate, rounds, secret: SECRET });
      printResult(result);
      results.push(result);
    }
    printSideBySide(results);
    // Other work on the machine shows in every figure: say how busy it was.
    console.log(`\nmachine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} (1 / 5 / 15 min)`);
  } finally {
    await db.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
