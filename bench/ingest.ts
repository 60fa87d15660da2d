// Ingestion throughput, measured twice against the raw upsert in the same run:
//   1. in-process: the API server and one client in this process, one request at a time, no worker;
//   2. from outside: the real service (`vestnik start`, web and worker roles) as a child process,
//      two concurrent client processes, the raw upsert from two concurrent processes in turns.
// The raw upsert is INSERT … SELECT FROM unnest(…) ON CONFLICT … DO UPDATE into the same marks
// table (same foreign keys and unique key); the API path adds validation, period lookup,
// domain events and kept forecasts. Then small requests (one mark) from 50 connections at once:
// requests/s, p50/p99, and the PostgreSQL round trips one such request makes.
//
//   npm run bench:ingest                 # BENCH_MARKS=100000 for a quick look
//   BENCH_BATCH=5000                     # marks per request (an e-journal's usual batch)
//   BENCH_EXTERNAL_MARKS, BENCH_SMALL_REQUESTS, BENCH_CONNECTIONS   # the outside figures
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../src/config/env.js';
import { connectDatabase } from '../src/db/open-database.js';
import { openEmbeddedPostgres } from '../src/db/embedded-postgres.js';
import { applyMigrations } from '../src/db/migrate.js';
import { createHttpApp } from '../src/http/create-http-app.js';
import { apiRoutes } from '../src/http/api/api-routes.js';
import { createLogger } from '../src/lib/logger.js';
import { ingestBatch } from '../src/modules/ingestion/ingest-batch.js';
import { createSchool } from '../src/modules/schools/create-school.js';
import { BASELINE_SQL, baselineParams, batchOf, bodyOf, roster, SECRET, type SchoolIds } from './ingest-data.js';
import { runExternal } from './ingest-external.js';

const TOTAL = Number(process.env.BENCH_MARKS ?? 1_000_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 5_000);
const EXTERNAL = Number(process.env.BENCH_EXTERNAL_MARKS ?? Math.min(TOTAL, 200_000));
const SMALL = Number(process.env.BENCH_SMALL_REQUESTS ?? 5_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const TARGET = 0.9;

const verdict = (ratio: number) => `${ratio.toFixed(2)} (target ≥ ${TARGET.toFixed(2)}: ${ratio >= TARGET ? 'PASS' : 'FAIL'})`;
const rate = (n: number) => Math.round(n).toLocaleString('en');

/** Statements one request sends, counted on every pg client of this process while it runs. */
async function countRoundTrips(send: () => Promise<void>): Promise<string[]> {
  const statements: string[] = [];
  const prototype = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const query = prototype.query;
  prototype.query = function (this: unknown, ...args: unknown[]) {
    const text = typeof args[0] === 'string' ? args[0] : ((args[0] as { text?: string })?.text ?? '');
    statements.push(text.replace(/\s+/g, ' ').trim().slice(0, 48));
    return query.apply(this, args);
  };
  try {
    await send();
  } finally {
    prototype.query = query;
  }
  return statements;
}

async function main(): Promise<void> {
  const logger = createLogger('warn');
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vestnik-bench-'));
  const server = await openEmbeddedPostgres(dataDir, logger);
  const db = connectDatabase(server.url, { poolSize: 4 });
  try {
    await applyMigrations(db.pool, logger);
    const apiSchool = await createSchool(db.prisma, SECRET, { name: 'API', timezone: 'Europe/Moscow' });
    const plainSchool = await createSchool(db.prisma, SECRET, { name: 'Baseline', timezone: 'Europe/Moscow' });
    await ingestBatch(db.pool, apiSchool.id, 'roster', roster);
    await ingestBatch(db.pool, plainSchool.id, 'roster', roster);
    console.log(`in-process: ${TOTAL.toLocaleString('en')} marks in batches of ${BATCH.toLocaleString('en')}, one request at a time, no worker`);

    const ids = async (table: string) => {
      const { rows } = await db.pool.query<{ externalId: string; id: string }>(`SELECT "externalId", id FROM ${table} WHERE "schoolId" = $1`, [plainSchool.id]);
      return new Map(rows.map((r) => [r.externalId, r.id]));
    };
    const periods = await ids('academic_periods');
    const plainIds: SchoolIds = { schoolId: plainSchool.id, students: await ids('students'), subjects: await ids('subjects'), periodId: periods.get('y') as string };
    const config = loadConfig({ DATABASE_URL: server.url, VESTNIK_SECRET: SECRET, LOG_LEVEL: 'warn' });
    const app = await createHttpApp({ config, logger, db, secret: SECRET }, { plugins: [apiRoutes] });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/v1/marks`;
    const post = async (body: string) => {
      const response = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${apiSchool.apiKey}`, 'content-type': 'application/json' }, body });
      if (response.status !== 200) throw new Error(`${response.status} ${(await response.text()).slice(0, 500)}`);
      await response.arrayBuffer();
    };

    // The two paths take turns batch by batch, so both meet the same table sizes and the
    // same load from anything else running on the machine.
    const rssBefore = process.memoryUsage().rss / 1048576;
    let baselineSeconds = 0;
    let apiSeconds = 0;
    for (let start = 0; start < TOTAL; start += BATCH) {
      const size = Math.min(BATCH, TOTAL - start);
      let started = performance.now();
      await db.pool.query(BASELINE_SQL, baselineParams(plainIds, batchOf(start, size)));
      baselineSeconds += (performance.now() - started) / 1000;
      started = performance.now();
      await post(bodyOf(start, size));
      apiSeconds += (performance.now() - started) / 1000;
    }
    const peakMb = process.resourceUsage().maxRSS / 1024;
    // A warm small request (a new mark), then one counted.
    await post(bodyOf(0, 1, 'rt-warm-'));
    const statements = await countRoundTrips(() => post(bodyOf(0, 1, 'rt-')));
    await app.close();

    const { rows: check } = await db.pool.query<{ marks: number; events: number }>(
      'SELECT (SELECT count(*)::int FROM marks WHERE "schoolId" = $1) AS marks, (SELECT count(*)::int FROM domain_events WHERE "schoolId" = $1) AS events',
      [apiSchool.id],
    );
    const baselineRate = TOTAL / baselineSeconds;
    const apiRate = TOTAL / apiSeconds;
    console.log(`  baseline (raw unnest upsert): ${rate(baselineRate)} marks/s (${baselineSeconds.toFixed(1)} s)`);
    console.log(`  API (HTTP, validation, events, forecasts): ${rate(apiRate)} marks/s (${apiSeconds.toFixed(1)} s); stored ${check[0]?.marks} marks, ${check[0]?.events} events`);
    console.log(`  ratio API / baseline: ${verdict(apiRate / baselineRate)}`);
    console.log(`  peak RSS: ${peakMb.toFixed(0)} MB (target < 400 MB); ${rssBefore.toFixed(0)} MB before the first batch`);
    console.log(`  round trips per small request: ${statements.length} (${statements.map((s) => s.split(' ').slice(0, 3).join(' ')).join(' | ')})`);

    console.log(`from outside: the service as a child process (web + worker), ${EXTERNAL.toLocaleString('en')} marks, 2 concurrent client processes`);
    const outside = await runExternal({
      databaseUrl: server.url,
      dataDir: path.join(dataDir, 'service'),
      apiKey: apiSchool.apiKey,
      plainSchoolId: plainSchool.id,
      total: EXTERNAL,
      batch: BATCH,
      rounds: 4,
      clients: 2,
      smallRequests: SMALL,
      connections: CONNECTIONS,
    });
    console.log(`  baseline (raw unnest upsert, 2 processes): ${rate(outside.baselineRate)} marks/s`);
    console.log(`  API (2 client processes, worker planning meanwhile): ${rate(outside.apiRate)} marks/s`);
    console.log(`  ratio API / baseline: ${verdict(outside.apiRate / outside.baselineRate)}`);
    console.log(`  small requests (1 mark) from ${CONNECTIONS} connections: ${rate(outside.small.perSecond)} requests/s, p50 ${outside.small.p50.toFixed(1)} ms, p99 ${outside.small.p99.toFixed(1)} ms`);
    console.log(`  service peak RSS: ${outside.serverPeakMb.toFixed(0)} MB`);
  } finally {
    await db.close();
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
