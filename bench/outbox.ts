// Outbox throughput, two figures measured in one run on embedded PostgreSQL:
// (a) claim and complete: N queued rows claimed and completed by the real dispatcher with a
//     sender that answers at once, against the same claims completed by one raw UPDATE per
//     batch (the floor the database sets), target ≥ 5,000 messages/s;
// (b) paid broadcast: the real Telegram sender at TELEGRAM_RATE_PER_SECOND against an
//     unlimited fake Bot API server over HTTP, target ≥ 0.95 of the rate, with the CPU the
//     process (dispatcher and fake together) used.
// BENCH_PROFILE=<prefix> writes a CPU profile of each measured phase.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { createTelegramSender } from '../src/channels/telegram/telegram-sender.js';
import { openEmbeddedPostgres } from '../src/db/embedded-postgres.js';
import { applyMigrations } from '../src/db/migrate.js';
import { connectDatabase } from '../src/db/open-database.js';
import { createLogger } from '../src/lib/logger.js';
import { claimOutbox } from '../src/modules/delivery/claim-outbox.js';
import { createDispatcher } from '../src/modules/delivery/dispatch-loop.js';
import type { ChannelSender } from '../src/modules/delivery/types.js';
import { createFakeTelegram } from '../test/support/fake-telegram.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 500);
const LANES = Number(process.env.BENCH_LANES ?? 64);
const RATE = Number(process.env.TELEGRAM_RATE_PER_SECOND ?? 1000);
const BROADCAST_SECONDS = Number(process.env.BENCH_BROADCAST_SECONDS ?? 15);
const FIRST_CHAT = 5_000_000;
const print = (line: string) => process.stdout.write(`${line}\n`);
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

async function seed(pool: pg.Pool, people: number): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(`INSERT INTO schools (name, timezone, "updatedAt") VALUES ('Bench', 'Europe/Moscow', now()) RETURNING id`);
  const school = rows[0]!.id;
  await pool.query(
    `WITH g AS (INSERT INTO guardians ("schoolId", "fullName", phone, "updatedAt")
                SELECT $1, 'Родитель ' || i, i::text, now() FROM generate_series(1, $2) i RETURNING id, phone)
     INSERT INTO channels ("guardianId", type, address, verified, "updatedAt") SELECT id, 'telegram', ($3 + phone::int)::text, true, now() FROM g`,
    [school, people, FIRST_CHAT],
  );
  return school;
}

/** One paid-broadcast message per chat, every chat a different one, due now. */
async function queue(pool: pg.Pool, school: string, count: number, tag: string): Promise<void> {
  await pool.query(
    `INSERT INTO outbox_messages ("idempotencyKey", "schoolId", "guardianId", "channelId", "channelType", kind, payload, "updatedAt")
     SELECT $2 || ':' || c.id, $1, c."guardianId", c.id, 'telegram', 'mark',
            jsonb_build_object('cause', $2 || ':' || c.id, 'lang', 'ru', 'studentName', 'Ученик', 'eventType', 'mark_created', 'occurredAt', now(),
              'data', jsonb_build_object('markId', gen_random_uuid(), 'subjectId', gen_random_uuid(), 'subjectName', 'Математика',
                'date', current_date, 'value', '5', 'weight', 1, 'kind', null, 'comment', null)), now()
       FROM (SELECT id, "guardianId" FROM channels WHERE type = 'telegram' ORDER BY address::bigint LIMIT $3) c`,
    [school, tag, count],
  );
  // Each measured phase starts from a vacuumed table, as autovacuum leaves it between waves:
  // otherwise the later phase would also walk the dead row versions of the earlier one.
  await pool.query('VACUUM ANALYZE outbox_messages');
}

async function left(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox_messages WHERE status IN ('queued', 'sending')`);
  return rows[0]!.n;
}

async function profiled<T>(name: string, run: () => Promise<T>): Promise<T> {
  const prefix = process.env.BENCH_PROFILE;
  if (!prefix) return run();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await run();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    await writeFile(`${prefix}-${name}.cpuprofile`, JSON.stringify(profile));
    session.disconnect();
  }
}

/** The floor: the same claims, each batch completed by a single UPDATE of every row. */
async function rawBaseline(pool: pg.Pool): Promise<number> {
  const started = performance.now();
  let done = 0;
  for (;;) {
    const rows = await claimOutbox(pool, { channelTypes: ['telegram'], limit: BATCH, workerId: 'raw', leaseMs: 10_000 });
    if (rows.length === 0) break;
    await pool.query(
      `UPDATE outbox_messages o SET status = 'sent', "sentAt" = now(), "providerId" = 'x', error = NULL, "claimedAt" = NULL,
              "claimedUntil" = NULL, "claimToken" = NULL, "updatedAt" = now()
         FROM unnest($1::uuid[], $2::uuid[]) AS r(id, token)
        WHERE o.id = r.id AND o."claimToken" = r.token AND o.status = 'sending'`,
      [rows.map((r) => r.id), rows.map((r) => r.claimToken)],
    );
    done += rows.length;
  }
  return done / ((performance.now() - started) / 1000);
}

async function dispatched(pool: pg.Pool, sender: ChannelSender, concurrency: number, batchSize: number, count: number): Promise<{ seconds: number; cpu: number }> {
  // The queue is counted only once every message was handed to the sender: counting it all
  // along would cost the database more than the claims it measures.
  let handed = 0;
  const counted: ChannelSender = {
    channelTypes: sender.channelTypes,
    send: (message, context) => {
      handed += 1;
      return sender.send(message, context);
    },
    ...(sender.readyIn ? { readyIn: sender.readyIn.bind(sender) } : {}),
  };
  const dispatcher = createDispatcher({ pool, sender: counted, workerId: 'bench', batchSize, concurrency, idleMs: 20 });
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  dispatcher.start();
  while (handed < count || (await left(pool)) > 0) await new Promise((r) => setTimeout(r, 20));
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu0);
  await dispatcher.stop();
  return { seconds, cpu: (used.user + used.system) / 1e6 / seconds };
}

async function claimAndComplete(pool: pg.Pool, school: string): Promise<boolean> {
  const instant: ChannelSender = { channelTypes: ['telegram'], send: async () => ({ kind: 'sent', providerId: 'x' }) };
  await queue(pool, school, ROWS, 'raw');
  const raw = await rawBaseline(pool);
  await queue(pool, school, ROWS, 'dispatch');
  const run = await profiled('claim', () => dispatched(pool, instant, LANES, BATCH, ROWS));
  const perSecond = ROWS / run.seconds;
  const ok = perSecond >= 5000;
  print(`(a) claim and complete, ${ROWS} rows, batches of ${BATCH}, instant sender:`);
  print(`    raw claim + one UPDATE per batch (baseline): ${Math.round(raw)} messages/s`);
  print(`    dispatcher: ${Math.round(perSecond)} messages/s (${run.seconds.toFixed(1)} s, CPU ${(run.cpu * 100).toFixed(0)} % of a core)`);
  print(`    ratio to baseline: ${(perSecond / raw).toFixed(2)}; target ≥ 5,000/s: ${verdict(ok)}`);
  return ok;
}

async function paidBroadcast(pool: pg.Pool, school: string): Promise<boolean> {
  const count = RATE * BROADCAST_SECONDS;
  const fake = await createFakeTelegram({ token: '123456:BENCH-outbox-token' });
  try {
    const sender = createTelegramSender({ token: '123456:BENCH-outbox-token', apiRoot: fake.apiRoot, perSecond: RATE, pool });
    // Warm-up: the first requests open connections and compile the hot paths.
    await queue(pool, school, Math.min(RATE, count), 'warm');
    await dispatched(pool, sender, 64, 500, Math.min(RATE, count));
    await new Promise((r) => setTimeout(r, 1100));
    fake.reset();
    await queue(pool, school, count, 'paid');
    const run = await profiled('broadcast', () => dispatched(pool, sender, 64, 500, count));
    const at = fake.callsOf('sendMessage').filter((c) => c.response?.ok).map((c) => c.at).sort((a, b) => a - b);
    // Sends per second over the span from the first to the last delivery, as a rate limit counts them.
    const span = ((at.at(-1) ?? 0) - (at[0] ?? 0)) / 1000;
    const perSecond = (at.length - 1) / span;
    const ratio = perSecond / RATE;
    const ok = ratio >= 0.95 && at.length === count;
    print(`(b) paid broadcast, ${count} messages at ${RATE}/s to an unlimited fake Bot API:`);
    print(`    delivered ${at.length} in ${span.toFixed(2)} s: ${Math.round(perSecond)} messages/s, ratio to ${RATE}: ${ratio.toFixed(3)}; target ≥ 0.95: ${verdict(ok)}`);
    print(`    process CPU (dispatcher and fake server): ${(run.cpu * 100).toFixed(0)} % of a core`);
    return ok;
  } finally {
    await fake.close();
  }
}

async function main(): Promise<void> {
  const logger = createLogger('warn');
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vestnik-bench-outbox-'));
  const server = await openEmbeddedPostgres(dataDir, logger);
  const db = connectDatabase(server.url, { poolSize: 12 });
  let ok: boolean;
  try {
    await applyMigrations(db.pool, logger);
    const school = await seed(db.pool, Math.max(ROWS, RATE * BROADCAST_SECONDS));
    const parts = process.env.BENCH_PARTS ?? 'ab';
    const a = parts.includes('a') ? await claimAndComplete(db.pool, school) : true;
    const b = parts.includes('b') ? await paidBroadcast(db.pool, school) : true;
    ok = a && b;
  } finally {
    await db.close();
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  print(verdict(ok));
  process.exitCode = ok ? 0 : 1;
}

await main();
