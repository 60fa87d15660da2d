// The worst batches an authenticated caller can send, and what the rest of the service
// sees meanwhile: for each, how long the answer took, how big it was, and the slowest
// /healthz answer while it was pending (asked one after another all along).
// Run: npx tsx bench/ingest-rejects.ts
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config/env.js';
import { openEmbeddedPostgres } from '../src/db/embedded-postgres.js';
import { applyMigrations } from '../src/db/migrate.js';
import { connectDatabase } from '../src/db/open-database.js';
import { apiRoutes } from '../src/http/api/api-routes.js';
import { createHttpApp } from '../src/http/create-http-app.js';
import { createLogger } from '../src/lib/logger.js';
import { MAX_BATCH_ROWS } from '../src/modules/ingestion/batch-limits.js';
import { createSchool } from '../src/modules/schools/create-school.js';

const SECRET = 'bench-secret-0123456789';
const hopeless = JSON.stringify({ externalId: {}, studentExternalId: [], subjectExternalId: {}, date: 1, value: {}, weight: 'x', kind: 1, comment: 1 });
const empties = (n: number) => Array(n).fill('{}').join(',');

const CASES: Array<[string, string]> = [
  ['1,000,000 rows of {} (3 MB)', `{"marks":[${empties(1_000_000)}]}`],
  ['3,300,000 rows of {} (10 MB, the body limit)', `{"marks":[${empties(3_300_000)}]}`],
  [`${MAX_BATCH_ROWS.toLocaleString('en')} rows, every field wrong`, `{"marks":[${Array(MAX_BATCH_ROWS).fill(hopeless).join(',')}]}`],
  ['3,300,000 rows with a control character at the very end', `{"marks":[${empties(3_299_990)},{"comment":"\\u0007"}]}`],
  [`${MAX_BATCH_ROWS.toLocaleString('en')} rows of 1 KB (10 MB) with a control character at the end (full text walk)`, `{"marks":[${Array(MAX_BATCH_ROWS - 1).fill(JSON.stringify({ comment: 'ж'.repeat(490) })).join(',')},{"comment":"\\u0007"}]}`],
];

async function main(): Promise<void> {
  const logger = createLogger('warn');
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vestnik-bench-'));
  const server = await openEmbeddedPostgres(dataDir, logger);
  const db = connectDatabase(server.url, { poolSize: 4 });
  try {
    await applyMigrations(db.pool, logger);
    const school = await createSchool(db.prisma, SECRET, { name: 'Bench', timezone: 'Europe/Moscow' });
    const config = loadConfig({ DATABASE_URL: server.url, VESTNIK_SECRET: SECRET, LOG_LEVEL: 'warn' });
    const app = await createHttpApp({ config, logger, db, secret: SECRET }, { plugins: [apiRoutes] });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    let peakRss = 0;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
    for (const [name, body] of CASES) {
      let pending = true;
      let slowest = 0;
      let answered = 0;
      const health = (async () => {
        while (pending) {
          const started = performance.now();
          await fetch(`${base}/healthz`).then((r) => r.arrayBuffer());
          slowest = Math.max(slowest, performance.now() - started);
          answered += 1;
        }
      })();
      const started = performance.now();
      const response = await fetch(`${base}/api/v1/marks`, {
        method: 'POST',
        headers: { authorization: `Bearer ${school.apiKey}`, 'content-type': 'application/json' },
        body,
      });
      const text = await response.text();
      const took = performance.now() - started;
      pending = false;
      await health;
      console.log(`${name}: ${response.status} in ${took.toFixed(0)} ms, ${text.length.toLocaleString('en')} bytes; /healthz answered ${answered} times meanwhile, slowest ${slowest.toFixed(0)} ms`);
    }
    clearInterval(sampler);
    console.log(`peak RSS: ${(peakRss / 1048576).toFixed(0)} MB (client and server are this process)`);
    await app.close();
  } finally {
    await db.close();
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
