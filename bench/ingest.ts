// Loads 1,000,000 marks through the HTTP API (validation, period lookup, events and all)
// and the same rows through a plain INSERT … SELECT FROM unnest(…) ON CONFLICT … DO UPDATE,
// into one embedded PostgreSQL in one run, batch by batch in turns. Prints marks/s,
// the ratio and the process's peak RSS (the API server and the client are this process).
// BENCH_MARKS and BENCH_BATCH override the size (e.g. BENCH_MARKS=100000 for a quick look);
// batches default to 5,000 marks, a size an e-journal sends in one request.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config/env.js';
import { connectDatabase } from '../src/db/open-database.js';
import { openEmbeddedPostgres } from '../src/db/embedded-postgres.js';
import { applyMigrations } from '../src/db/migrate.js';
import { createHttpApp } from '../src/http/create-http-app.js';
import { apiRoutes } from '../src/http/api/api-routes.js';
import { createLogger } from '../src/lib/logger.js';
import { DEFAULT_MARK_WEIGHTS, resolveMarkWeight } from '../src/modules/forecast/index.js';
import { ingestBatch } from '../src/modules/ingestion/ingest-batch.js';
import { createSchool } from '../src/modules/schools/create-school.js';

const TOTAL = Number(process.env.BENCH_MARKS ?? 1_000_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 5_000);
const STUDENTS = 1000;
const SUBJECTS = 10;
const SECRET = 'bench-secret-0123456789';
const VALUES = ['2', '3', '4', '5', 'н', '4', '5', 'зач'];
const KINDS = ['answer', 'test', 'homework', 'independent'];

interface BenchMark {
  externalId: string;
  studentExternalId: string;
  subjectExternalId: string;
  date: string;
  value: string;
  kind: string;
}

function dateOf(i: number): string {
  return new Date(Date.UTC(2025, 8, 1 + (i % 240))).toISOString().slice(0, 10);
}

function batchOf(start: number, size: number): BenchMark[] {
  return Array.from({ length: size }, (_v, k) => {
    const i = start + k;
    return {
      externalId: `m${i}`,
      studentExternalId: `s${i % STUDENTS}`,
      subjectExternalId: `sub${(i >> 4) % SUBJECTS}`,
      date: dateOf(i),
      value: VALUES[i % VALUES.length] as string,
      kind: KINDS[i % KINDS.length] as string,
    };
  });
}

/** The same rows as JSON text, written directly: the client's garbage is not the server's memory. */
function bodyOf(start: number, size: number): string {
  const parts: string[] = [];
  for (let i = start; i < start + size; i += 1) {
    parts.push(
      `{"externalId":"m${i}","studentExternalId":"s${i % STUDENTS}","subjectExternalId":"sub${(i >> 4) % SUBJECTS}",` +
        `"date":"${dateOf(i)}","value":"${VALUES[i % VALUES.length]}","kind":"${KINDS[i % KINDS.length]}"}`,
    );
  }
  return `{"marks":[${parts.join(',')}]}`;
}

const roster = {
  periods: [{ externalId: 'y', name: '2025/26', kind: 'year', startsOn: '2025-09-01', endsOn: '2026-05-31' }],
  subjects: Array.from({ length: SUBJECTS }, (_v, i) => ({ externalId: `sub${i}`, name: `Предмет ${i}` })),
  classes: Array.from({ length: 40 }, (_v, i) => ({ externalId: `c${i}`, name: `${5 + (i % 7)}-${i}`, grade: 5 + (i % 7) })),
  students: Array.from({ length: STUDENTS }, (_v, i) => ({ externalId: `s${i}`, fullName: `Ученик ${i}`, classExternalId: `c${i % 40}` })),
};

const BASELINE_SQL = `
INSERT INTO marks AS m ("schoolId", "externalId", "studentId", "subjectId", "periodId", date, value, weight, kind, comment)
SELECT $1::uuid, u.* FROM unnest($2::text[], $3::uuid[], $4::uuid[], $5::uuid[], $6::date[], $7::text[], $8::float8[], $9::text[], $10::text[])
  AS u("externalId", "studentId", "subjectId", "periodId", date, value, weight, kind, comment)
ON CONFLICT ("schoolId", "externalId") DO UPDATE
  SET "studentId" = EXCLUDED."studentId", "subjectId" = EXCLUDED."subjectId", "periodId" = EXCLUDED."periodId", date = EXCLUDED.date,
      value = EXCLUDED.value, weight = EXCLUDED.weight, kind = EXCLUDED.kind, comment = EXCLUDED.comment, "updatedAt" = now()`;

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
    console.log(`loading ${TOTAL.toLocaleString('en')} marks in batches of ${BATCH.toLocaleString('en')}`);

    const ids = async (table: string) => {
      const { rows } = await db.pool.query<{ externalId: string; id: string }>(`SELECT "externalId", id FROM ${table} WHERE "schoolId" = $1`, [plainSchool.id]);
      return new Map(rows.map((r) => [r.externalId, r.id]));
    };
    const [students, subjects, periods] = [await ids('students'), await ids('subjects'), await ids('academic_periods')];
    const periodId = periods.get('y') as string;
    const config = loadConfig({ DATABASE_URL: server.url, VESTNIK_SECRET: SECRET, LOG_LEVEL: 'warn' });
    const app = await createHttpApp({ config, logger, db, secret: SECRET }, { plugins: [apiRoutes] });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/v1/marks`;

    // The two paths take turns batch by batch, so both meet the same table sizes and the
    // same load from anything else running on the machine.
    const rssBefore = process.memoryUsage().rss / 1048576;
    let baselineSeconds = 0;
    let apiSeconds = 0;
    for (let start = 0; start < TOTAL; start += BATCH) {
      const size = Math.min(BATCH, TOTAL - start);
      let started = performance.now();
      const rows = batchOf(start, size);
      await db.pool.query(BASELINE_SQL, [
        plainSchool.id,
        rows.map((r) => r.externalId),
        rows.map((r) => students.get(r.studentExternalId)),
        rows.map((r) => subjects.get(r.subjectExternalId)),
        rows.map(() => periodId),
        rows.map((r) => r.date),
        rows.map((r) => r.value),
        rows.map((r) => resolveMarkWeight(r.kind, null, DEFAULT_MARK_WEIGHTS)),
        rows.map((r) => r.kind),
        rows.map(() => null),
      ]);
      baselineSeconds += (performance.now() - started) / 1000;

      started = performance.now();
      const response = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiSchool.apiKey}`, 'content-type': 'application/json' },
        body: bodyOf(start, size),
      });
      if (response.status !== 200) throw new Error(`batch at ${start}: ${response.status} ${(await response.text()).slice(0, 500)}`);
      await response.arrayBuffer();
      apiSeconds += (performance.now() - started) / 1000;
    }
    await app.close();

    const { rows: check } = await db.pool.query<{ marks: number; events: number }>(
      'SELECT (SELECT count(*)::int FROM marks WHERE "schoolId" = $1) AS marks, (SELECT count(*)::int FROM domain_events WHERE "schoolId" = $1) AS events',
      [apiSchool.id],
    );
    const baselineRate = TOTAL / baselineSeconds;
    const apiRate = TOTAL / apiSeconds;
    const peakMb = process.resourceUsage().maxRSS / 1024;
    const rate = (n: number) => Math.round(n).toLocaleString('en');
    console.log(`baseline (plain unnest upsert): ${rate(baselineRate)} marks/s (${baselineSeconds.toFixed(1)} s)`);
    console.log(`API (HTTP, validation, events): ${rate(apiRate)} marks/s (${apiSeconds.toFixed(1)} s); stored ${check[0]?.marks} marks, ${check[0]?.events} events`);
    console.log(`ratio API / baseline: ${(apiRate / baselineRate).toFixed(2)} (target ≥ 0.70)`);
    console.log(`peak RSS: ${peakMb.toFixed(0)} MB (target < 400 MB); ${rssBefore.toFixed(0)} MB before the first batch`);
  } finally {
    await db.close();
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
