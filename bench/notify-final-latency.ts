// Part (d) of the notification benchmark: how long a published final mark takes from the
// e-journal's API call to the message reaching the Bot API, with the service's own web and
// worker roles (Agenda clock, planner, dispatch loop) on loopback. Measured twice in one
// run: with an empty outbox (the baseline) and behind a backlog of ordinary messages that
// would take minutes to send at Telegram's 30/s, which final marks must overtake.
import type { Database } from '../src/db/open-database.js';
import { loadConfig } from '../src/config/env.js';
import { createLogger } from '../src/lib/logger.js';
import { issueApiKey } from '../src/modules/schools/issue-api-key.js';
import { buildComponents, type ServiceComponent } from '../src/service/components.js';
import { createFakeTelegram, type FakeTelegram } from '../test/support/fake-telegram.js';
import { FIRST_CHAT_ID, queueMessages, SCHOOL_ID } from './notify-seed.js';
import { percentile } from './percentile.js';

const TOKEN = '123456:BENCH-TOKEN-abcdef';
const SECRET = 'bench-secret-0123456789';

export interface LatencyOptions {
  finals: number;
  spacingMs: number;
  backlog: number;
  dataDir: string;
  print(line: string): void;
}

export async function finalLatencyPart(db: Database, options: LatencyOptions): Promise<void> {
  // Digests are another benchmark's business: keep the worker's digest job out of the way.
  await db.pool.query(`UPDATE notification_preferences SET "nextDigestAt" = now() + interval '30 days'`);
  await db.pool.query('TRUNCATE outbox_messages CASCADE');
  const telegram = await createFakeTelegram({ token: TOKEN, rateLimit: { globalPerSecond: 30, perChatPerSecond: 1 } });
  const config = loadConfig({ DATABASE_URL: db.url, PORT: '0', TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: telegram.apiRoot, VESTNIK_SECRET: SECRET, VESTNIK_DATA_DIR: options.dataDir });
  const ctx = { config, logger: createLogger('warn'), db, secret: SECRET };
  const { key } = await issueApiKey(db.prisma, SECRET, SCHOOL_ID, 'bench');
  const components: ServiceComponent[] = [...(await buildComponents(ctx, 'web')), ...(await buildComponents(ctx, 'worker'))];
  const started = await Promise.all(components.map((c) => c.start()));
  const url = started.find((s) => s && s.url)?.url as string;
  try {
    const idle = await measure(url, key, telegram, 0, options);
    await queueMessages(db.pool, options.backlog, 'telegram');
    const loaded = await measure(url, key, telegram, options.finals, options);
    const { rows } = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox_messages WHERE kind = 'mark' AND status = 'queued'`);
    const line = (t: number[]) => `p50 ${percentile(t, 50)} ms, p99 ${percentile(t, 99)} ms, max ${t.at(-1)} ms`;
    options.print(`(d) final mark, API call → Bot API, ${options.finals} marks each: empty outbox ${line(idle)}`);
    options.print(`    behind ${options.backlog} queued messages (${rows[0]?.n} still queued after): ${line(loaded)}; p99 ratio to empty ${(percentile(loaded, 99) / percentile(idle, 99)).toFixed(2)}; target p99 < 10,000 ms`);
  } finally {
    for (const component of [...components].reverse()) await component.stop();
    await telegram.close();
    await db.pool.query('TRUNCATE outbox_messages CASCADE');
  }
}

/** Posts `finals` final marks (students offset+1…) `spacingMs` apart; returns sorted latencies. */
async function measure(url: string, key: string, telegram: FakeTelegram, offset: number, options: LatencyOptions): Promise<number[]> {
  const waits: Promise<number>[] = [];
  for (let i = 1; i <= options.finals; i += 1) {
    const student = offset + i;
    const t0 = Date.now();
    const response = await fetch(`${url}/api/v1/final-marks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ finalMarks: [{ studentExternalId: `s${student}`, subjectExternalId: 'sub1', periodExternalId: 'q', status: 'final', value: '5' }] }),
    });
    if (!response.ok) throw new Error(`final-marks answered ${response.status}: ${await response.text()}`);
    waits.push(telegram.waitForMessage(FIRST_CHAT_ID + student, (m) => m.text.includes('Итоговая'), 120_000).then(() => Date.now() - t0));
    await new Promise((resolve) => setTimeout(resolve, options.spacingMs));
  }
  return (await Promise.all(waits)).sort((a, b) => a - b);
}
