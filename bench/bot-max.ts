// The MAX side of the bot benchmark: the adapter's long polling (startMaxPolling) against
// the fake MAX Bot API, each update timed around handleUpdate, which resolves once the
// parent has been answered.
import { createMaxBot } from '../src/channels/max/create-max-bot.js';
import { startMaxPolling } from '../src/channels/max/run-max.js';
import { loadConfig } from '../src/config/env.js';
import type { Database } from '../src/db/open-database.js';
import { createFakeMax } from '../test/support/fake-max/server.js';
import { COMMANDS, errorCounter, measureRounds, type AdapterResult } from './bot-load.js';
import { FIRST_MAX_USER_ID, STUDENTS } from './bot-seed.js';

const TOKEN = 'max-bench-token-0123456789';

export async function measureMax(db: Database, databaseUrl: string, options: { seconds: number; rate: number; rounds: number; secret: string }): Promise<AdapterResult> {
  // MAX itself lets a bot make about 30 requests a second; its limit is off here so that what
  // is measured is our handling at the same update rate as Telegram, not MAX's throttle.
  const max = await createFakeMax({ token: TOKEN });
  max.setRateLimit(false);
  try {
    const errors = errorCounter();
    const config = loadConfig({ DATABASE_URL: databaseUrl, MAX_BOT_TOKEN: TOKEN, MAX_API_ROOT: max.apiRoot, VESTNIK_SECRET: options.secret });
    const bot = createMaxBot({ config, prisma: db.prisma, logger: errors.logger, secret: options.secret });
    const timings: number[] = [];
    const handle = bot.handleUpdate.bind(bot);
    bot.handleUpdate = async (update) => {
      const t0 = performance.now();
      try {
        return await handle(update);
      } finally {
        timings.push(performance.now() - t0);
      }
    };
    const polling = await startMaxPolling(bot, errors.logger, { timeoutSeconds: 5 });

    // Warm-up, as for Telegram: the MAX path has its own queries (channel type 'max').
    for (const command of COMMANDS) max.sendText(FIRST_MAX_USER_ID + 1, command);
    await max.waitFor(() => (timings.length >= COMMANDS.length ? true : undefined), 30_000);
    timings.length = 0;
    errors.reset();

    const total = options.seconds * options.rate;
    console.log(`[MAX] feeding ${total} updates at ${options.rate}/s in ${options.rounds} rounds, each followed by a baseline round…`);
    const callsBefore = max.calls.length;
    const fed = performance.now();
    const measured = await measureRounds(
      { rounds: options.rounds, seconds: options.seconds, rate: options.rate, timings, send: (parent, command) => max.sendText(FIRST_MAX_USER_ID + 1 + parent, command), waitForHandled: (n) => max.waitFor(() => (timings.length >= n ? true : undefined), 600_000) },
      STUDENTS,
    );
    const drainSeconds = (performance.now() - fed) / 1000;
    await polling.stop();
    const apiErrors = max.calls.slice(callsBefore).filter((c) => c.status !== 200 && !(c.method === 'GET' && c.path === '/updates')).length;
    return { adapter: 'MAX', timings: measured.timings, rounds: measured.rounds, baseline: measured.baseline, handlerErrors: errors.count(), apiErrors, errorKinds: errors.kinds(), drainSeconds };
  } finally {
    await max.close();
  }
}
