// A dispatcher in its own process, for the crash and multi-worker tests:
//   npx tsx test/modules/delivery/dispatch-worker.ts
// with DATABASE_URL, TELEGRAM_API_ROOT, WORKER_ID, and optionally LEASE_MS (the
// dispatcher's default when unset), RATE, BATCH, EXCLUSIVE_LEASE (a sender lease name).
// CHANNEL=max sends MAX rows instead, to MAX_API_ROOT with MAX_TOKEN. It exits once no
// message of its channel is left to send (or runs until killed); a database outage only
// makes it wait.
import '../../support/exit-with-parent.js';
import { connectDatabase } from '../../../src/db/open-database.js';
import { createDispatcher } from '../../../src/modules/delivery/dispatch-loop.js';
import { createMaxSender } from '../../../src/channels/max/max-sender.js';
import { createTelegramSender } from '../../../src/channels/telegram/telegram-sender.js';

const env = process.env;
const channel = env.CHANNEL === 'max' ? 'max' : 'telegram';
const db = connectDatabase(env.DATABASE_URL as string, { poolSize: 12 });
const pace = { perSecond: Number(env.RATE ?? 5000), perChatPerSecond: 1000 };
const sender =
  channel === 'max'
    ? createMaxSender({ token: env.MAX_TOKEN as string, apiRoot: env.MAX_API_ROOT, ...pace })
    : createTelegramSender({ token: '123456:TEST-TOKEN-abcdef', apiRoot: env.TELEGRAM_API_ROOT, ...pace });
const dispatcher = createDispatcher({
  pool: db.pool,
  sender,
  workerId: env.WORKER_ID ?? `worker-${process.pid}`,
  batchSize: Number(env.BATCH ?? 100),
  concurrency: 24,
  leaseMs: env.LEASE_MS ? Number(env.LEASE_MS) : undefined,
  exclusiveLease: env.EXCLUSIVE_LEASE || undefined,
});

async function left(): Promise<number> {
  try {
    const { rows } = await db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbox_messages WHERE "channelType" = $1 AND status IN ('queued', 'sending')`,
      [channel],
    );
    return rows[0]?.n ?? 0;
  } catch {
    return -1; // the database is away: keep going
  }
}

// The production loop (claims ahead into a local queue), polled until nothing is left.
dispatcher.start();
for (;;) {
  await new Promise((resolve) => setTimeout(resolve, 200));
  if ((await left()) === 0) break;
}
await dispatcher.stop();
await db.close();
