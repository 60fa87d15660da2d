// A regional IT centre's load on one external PostgreSQL (Debian's PostgreSQL 15): schools,
// each with its own bot on a fake Telegram or MAX Bot API that holds every bot to 30
// messages/s and every chat to 1/s; real `vestnik start` processes (workers and one web);
// a digest queued for every guardian, final marks posted through the API while all bots
// send, one worker killed with SIGKILL mid-run, and then a bulk marks ingest. Prints
// messages/s ÷ the bots' summed limit, 429s, duplicates, how long the killed worker's bots
// were silent, final-mark latency, CPU per 1,000 messages and marks, and a capacity table.
//   npm run bench:region
// Environment (defaults in brackets):
//   BENCH_SCHOOLS [20]          schools, each with its own bot (odd: Telegram, even: MAX)
//   BENCH_GUARDIANS [2000]      guardians per school (one digest each)
//   BENCH_WORKERS [3]           worker processes
//   BENCH_FINALS [100]          final marks posted while digests are sent
//   BENCH_KILL_AT [0.4]         share of digests delivered when a worker is killed (0: no kill)
//   BENCH_INGEST_MARKS [100000] marks posted after the run (0: skip), in batches of BENCH_BATCH [5000]
//   BENCH_SHARED_BOTS [0]       1: no school bots, every chat goes through the two default bots
//                               (checks the harness itself; pair it with e.g. BENCH_GUARDIANS=100)
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { findFreePort } from '../src/db/embedded-postgres.js';
import { applyMigrations } from '../src/db/migrate.js';
import { createLogger } from '../src/lib/logger.js';
import { createCluster, type Cluster } from '../test/support/postgres-cluster.js';
import { createRegionMax, createRegionTelegram, type RegionFake } from './region-fakes.js';
import { ingestMarks, postFinals, type FinalsResult, type IngestResult } from './region-ingest.js';
import { cpuSeconds, killAll, postgresCpuSeconds, postmasterOf, sleep, startRole, type Proc } from './region-procs.js';
import { printReport, type RunFigures } from './region-report.js';
import { DEFAULT_MAX, DEFAULT_TELEGRAM, queueDigests, seedRegion } from './region-seed.js';

const env = process.env;
const SCHOOLS = Number(env.BENCH_SCHOOLS ?? 20);
const GUARDIANS = Number(env.BENCH_GUARDIANS ?? 2000);
const WORKERS = Number(env.BENCH_WORKERS ?? 3);
const FINALS = Number(env.BENCH_FINALS ?? 100);
const KILL_AT = Number(env.BENCH_KILL_AT ?? 0.4);
const INGEST = Number(env.BENCH_INGEST_MARKS ?? 100_000);
const BATCH = Number(env.BENCH_BATCH ?? 5000);
const SHARED = env.BENCH_SHARED_BOTS === '1';
const RATE = 30;
const SECRET = 'region-bench-secret-0123456789';
const print = (line: string) => process.stdout.write(`${line}\n`);

let cluster: Cluster | undefined;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killAll();
    void (cluster?.destroy() ?? Promise.resolve()).finally(() => process.exit(130));
  });
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number, procs: Proc[]): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const dead = procs.find((p) => p.exited);
    if (dead) throw new Error(`${dead.name} exited:\n${dead.stderr()}`);
    if (await check().catch(() => false)) return;
    await sleep(200);
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function main(): Promise<number> {
  const started = performance.now();
  const db = (cluster = await createCluster('external'));
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vestnik-region-'));
  const fakes: Record<'telegram' | 'max', RegionFake> = { telegram: await createRegionTelegram(RATE), max: await createRegionMax(RATE) };
  const procs: Proc[] = [];
  const pool = new pg.Pool({ connectionString: cluster.url, max: 4, application_name: 'vestnik-region-bench' });
  try {
    const postmaster = postmasterOf(cluster.port);
    if (!postmaster) throw new Error(`no postmaster found on port ${cluster.port}`);
    await applyMigrations(pool, createLogger('warn'));
    const sizeEmpty = await databaseSize(pool);
    const seedStarted = performance.now();
    const schools = await seedRegion(pool, { schools: SCHOOLS, guardians: GUARDIANS, shared: SHARED, secret: SECRET });
    const sizeSeeded = await databaseSize(pool);
    print(`seeded ${SCHOOLS} schools × ${GUARDIANS} guardians (${SHARED ? 'all through the two default bots' : 'each school its own bot: odd schools Telegram, even MAX'}) in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);

    const port = await findFreePort();
    const common = {
      VESTNIK_SECRET: SECRET,
      VESTNIK_DATA_DIR: dataDir,
      TELEGRAM_BOT_TOKEN: DEFAULT_TELEGRAM,
      TELEGRAM_API_ROOT: fakes.telegram.apiRoot,
      MAX_BOT_TOKEN: DEFAULT_MAX,
      MAX_API_ROOT: fakes.max.apiRoot,
    };
    const web = startRole('web', 'web', { ...common, DATABASE_URL: `${cluster.url}?application_name=region-web`, PORT: String(port) });
    procs.push(web);
    const url = `http://127.0.0.1:${port}`;
    const workers = Array.from({ length: WORKERS }, (_v, i) => startRole(`worker-${i + 1}`, 'worker', { ...common, DATABASE_URL: `${db.url}?application_name=region-worker-${i + 1}` }));
    procs.push(...workers);
    await waitFor('the web process', async () => (await fetch(`${url}/readyz`)).ok, 90_000, procs);
    await waitFor('the workers', async () => {
      const { rows } = await pool.query<{ n: number }>(`SELECT count(DISTINCT application_name)::int AS n FROM pg_stat_activity WHERE application_name LIKE 'region-worker-%'`);
      return rows[0]?.n === WORKERS;
    }, 90_000, procs);
    // Let every worker take its share of the bots before the wave.
    await sleep(3000);

    const arrived = () => fakes.telegram.arrivals.length + fakes.max.arrivals.length;
    const cpu0 = { workers: workers.map((w) => cpuSeconds(w.pid)), pg: postgresCpuSeconds(postmaster) };
    const queued = await queueDigests(pool, schools);
    const t0 = Date.now();
    print(`queued ${queued} digests`);

    // Final marks go out once every bot is busy (a tenth of the wave sent), the kill after them.
    await waitUntil(() => arrived() >= queued * 0.1, workers);
    const finalsStart = Date.now();
    const finals: Promise<FinalsResult> = postFinals(url, schools, fakes, { count: FINALS, spacingMs: 50, guardians: GUARDIANS, timeoutMs: 60_000 });
    let kill: RunFigures['kill'];
    let victimCpu = 0;
    if (KILL_AT > 0 && WORKERS > 1) {
      await waitUntil(() => arrived() >= queued * KILL_AT, workers);
      const victim = workers[0]!;
      const held = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM sender_leases WHERE holder LIKE $1 AND "expiresAt" > now()`, [`worker-${victim.pid}:%`]).then((r) => r.rows[0]?.n ?? 0, () => -1);
      victimCpu = cpuSeconds(victim.pid) - cpu0.workers[0]!;
      print(`leases before the kill: ${await leasesByHolder(pool)} (workers ${workers.map((w) => `${w.name}=${w.pid}`).join(', ')})`);
      const at = Date.now();
      await victim.kill9();
      // What the victim had claimed and not recorded: the only rows a successor may send again.
      const unrecorded = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox_messages WHERE status = 'sending' AND "claimedBy" LIKE $1`, [`worker-${victim.pid}%`]).then((r) => r.rows[0]?.n ?? 0);
      kill = { at, leasesHeld: held, pending: pendingBots(fakes, schools, at), unrecorded };
      print(`killed ${victim.name} (pid ${victim.pid}, held ${held} sender leases) with ${arrived()} of ${queued} delivered`);
    }
    const finalsResult = await finals;
    const expected = queued + finalsResult.latencies.length + finalsResult.missing;
    const deadline = Date.now() + Math.max(120_000, (GUARDIANS / RATE) * 3000 * (SHARED ? SCHOOLS / 2 : 1));
    while (arrived() < expected && Date.now() < deadline) await sleep(250);
    const t1 = Date.now();
    // Settle, so a late duplicate is still counted.
    await sleep(2000);
    const { rows: stuck } = await pool.query<{ status: string; kind: string; error: string | null; n: number }>(
      `SELECT status::text, kind, left(error, 120) AS error, count(*)::int AS n FROM outbox_messages GROUP BY 1, 2, 3 ORDER BY n DESC LIMIT 8`,
    );
    print(`outbox: ${stuck.map((r) => `${r.n} ${r.kind} ${r.status}${r.error ? ` (${r.error})` : ''}`).join('; ')}`);
    const buckets = new Map<number, number>();
    for (const a of [...fakes.telegram.arrivals, ...fakes.max.arrivals]) buckets.set(Math.floor((a.at - t0) / 5000), (buckets.get(Math.floor((a.at - t0) / 5000)) ?? 0) + 1);
    print(`arrivals per 5 s from the queueing: ${[...buckets].sort((a, b) => a[0] - b[0]).map(([k, n]) => `${k * 5}s:${n}`).join(' ')}`);
    const live = workers.filter((w) => !w.exited);
    if (arrived() < expected) {
      // A stalled wave: who holds the bots now, and what the live workers last logged.
      print(`stalled: ${arrived()} of ${expected} delivered; live leases by holder: ${await leasesByHolder(pool)}`);
      for (const w of live) print(`${w.name} log ends:\n${w.stderr().slice(-1500)}`);
    }
    const workerCpu = victimCpu + live.reduce((sum, w) => sum + cpuSeconds(w.pid) - cpu0.workers[workers.indexOf(w)]!, 0);
    const pgCpu = postgresCpuSeconds(postmaster) - cpu0.pg;

    let ingest: IngestResult | undefined;
    if (INGEST > 0) {
      // Workers stop first: the ingest's CPU is the web process's and PostgreSQL's alone.
      await Promise.all(live.map((w) => w.stop()));
      ingest = await ingestMarks(url, schools, { total: INGEST, batch: BATCH, guardians: GUARDIANS, webPid: web.pid, postmaster });
    }
    const figures: RunFigures = {
      schools, shared: SHARED, guardians: GUARDIANS, workers: WORKERS, rate: RATE, queued, expected, t0, t1, finalsStart,
      arrivals: [...fakes.telegram.arrivals, ...fakes.max.arrivals],
      tooManyRequests: fakes.telegram.tooManyRequests() + fakes.max.tooManyRequests(),
      duplicates: fakes.telegram.duplicates() + fakes.max.duplicates(),
      finals: finalsResult, kill, workerCpu, pgCpu, ingest, sizeEmpty, sizeSeeded, leaseSeconds: 10,
    };
    const failed = printReport(figures, print);
    print(`(run took ${((performance.now() - started) / 1000).toFixed(0)} s)`);
    return failed ? 1 : 0;
  } finally {
    await Promise.all(procs.map((p) => p.stop()));
    await fakes.telegram.close();
    await fakes.max.close();
    await pool.end();
    await db.destroy();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function databaseSize(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ n: string }>('SELECT pg_database_size(current_database())::text AS n');
  return Number(rows[0]?.n ?? 0);
}

/** Live sender leases counted per worker, e.g. "worker-101 7, worker-102 9". */
async function leasesByHolder(pool: pg.Pool): Promise<string> {
  const { rows } = await pool.query<{ holder: string; n: number }>(
    `SELECT split_part(holder, ':', 1) AS holder, count(*)::int AS n FROM sender_leases WHERE "expiresAt" > now() GROUP BY 1 ORDER BY 1`,
  );
  return rows.map((l) => `${l.holder} ${l.n}`).join(', ') || 'none';
}

async function waitUntil(check: () => boolean, procs: Proc[]): Promise<void> {
  const deadline = Date.now() + Number(env.BENCH_WAIT_S ?? 300) * 1000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out: the digests are not being delivered; a worker's log ends:\n${procs.find((p) => !p.exited)?.stderr().slice(-3000)}`);
    if (procs.every((p) => p.exited)) throw new Error(`every worker exited:\n${procs[0]?.stderr()}`);
    await sleep(50);
  }
}

/** Bots that still had digests to send at the kill: only their silence after it counts. */
function pendingBots(fakes: Record<'telegram' | 'max', RegionFake>, schools: RunFigures['schools'], at: number): string[] {
  const sent = new Map<string, number>();
  for (const a of [...fakes.telegram.arrivals, ...fakes.max.arrivals]) if (a.at <= at) sent.set(a.bot, (sent.get(a.bot) ?? 0) + 1);
  const perBot = new Map<string, number>();
  for (const s of schools) perBot.set(s.botKey, (perBot.get(s.botKey) ?? 0) + GUARDIANS);
  return [...perBot].filter(([bot, due]) => (sent.get(bot) ?? 0) < due - RATE * 2).map(([bot]) => bot);
}

process.exitCode = await main().catch((error: unknown) => {
  killAll();
  console.error(error);
  return 1;
});
