// A worker's bot senders in their own process, for the several-bots tests:
//   node --import tsx test/modules/delivery/bot-share-worker.ts
// with DATABASE_URL, TELEGRAM_API_ROOT, WORKER_ID, VESTNIK_SECRET, DEFAULT_TOKEN (the
// default Telegram bot), LEASE_MS and RATE (per bot). The workers share the bots through
// their leases; this one exits once no Telegram message is left to send (or when killed).
import '../../support/exit-with-parent.js';
import { pino } from 'pino';
import { connectDatabase } from '../../../src/db/open-database.js';
import { shareBotSenders } from '../../../src/jobs/share-bot-senders.js';
import { listRunnableBots } from '../../../src/modules/bots/list-runnable-bots.js';

const env = process.env;
const db = connectDatabase(env.DATABASE_URL as string, { poolSize: 12 });
const share = shareBotSenders({
  pool: db.pool,
  workerId: env.WORKER_ID ?? `worker-${process.pid}`,
  listBots: () => listRunnableBots(db.pool, env.VESTNIK_SECRET as string, { telegram: env.DEFAULT_TOKEN, max: undefined }),
  telegram: { perSecond: Number(env.RATE ?? 50), apiRoot: env.TELEGRAM_API_ROOT },
  max: { perSecond: 1 },
  leaseMs: Number(env.LEASE_MS ?? 2000),
  logger: pino({ level: env.LOG_LEVEL ?? 'warn' }, pino.destination(2)),
});

async function left(): Promise<number> {
  try {
    const { rows } = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox_messages WHERE "channelType" = 'telegram' AND status IN ('queued', 'sending')`);
    return rows[0]?.n ?? 0;
  } catch {
    return -1;
  }
}

await share.start();
process.stdout.write('started\n');
for (;;) {
  await new Promise((resolve) => setTimeout(resolve, 200));
  if ((await left()) === 0) break;
}
await share.stop();
await db.close();
