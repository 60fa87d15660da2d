// A client process of bench:ingest, outside the server's process. Given a job as JSON in
// argv[2], it loads batches (its share: every `stride`-th batch from `first`) either through
// the API or with the raw upsert, or sends small requests from `connections` at once, and
// prints one JSON line with what it measured. Times are wall-clock milliseconds since the epoch,
// so the parent can span several clients; all of them start at the job's `goAt`.
import pg from 'pg';
import { percentile } from './percentile.js';
import { BASELINE_SQL, baselineParams, batchOf, bodyOf, type SchoolIds } from './ingest-data.js';

export type ClientJob =
  | { mode: 'api'; url: string; apiKey: string; prefix: string; total: number; batch: number; first: number; stride: number }
  | { mode: 'baseline'; databaseUrl: string; schoolId: string; prefix: string; total: number; batch: number; first: number; stride: number }
  | { mode: 'small'; url: string; apiKey: string; prefix: string; requests: number; connections: number };

export interface ClientResult {
  startedAt: number;
  endedAt: number;
  marks: number;
  latenciesMs?: { p50: number; p99: number; count: number };
}

async function loadBatches(job: Extract<ClientJob, { mode: 'api' | 'baseline' }>): Promise<ClientResult> {
  let ids: SchoolIds | undefined;
  let pool: pg.Pool | undefined;
  if (job.mode === 'baseline') {
    pool = new pg.Pool({ connectionString: job.databaseUrl, max: 1 });
    const map = async (table: string) => {
      const { rows } = await pool!.query<{ externalId: string; id: string }>(`SELECT "externalId", id FROM ${table} WHERE "schoolId" = $1`, [job.schoolId]);
      return new Map(rows.map((r) => [r.externalId, r.id]));
    };
    const periods = await map('academic_periods');
    ids = { schoolId: job.schoolId, students: await map('students'), subjects: await map('subjects'), periodId: periods.get('y') as string };
  }
  let marks = 0;
  const startedAt = Date.now();
  for (let start = job.first * job.batch; start < job.total; start += job.stride * job.batch) {
    const size = Math.min(job.batch, job.total - start);
    if (job.mode === 'baseline') {
      await pool!.query(BASELINE_SQL, baselineParams(ids!, batchOf(start, size, job.prefix)));
    } else {
      const response = await fetch(job.url, {
        method: 'POST',
        headers: { authorization: `Bearer ${job.apiKey}`, 'content-type': 'application/json' },
        body: bodyOf(start, size, job.prefix),
      });
      if (response.status !== 200) throw new Error(`batch at ${start}: ${response.status} ${(await response.text()).slice(0, 500)}`);
      await response.arrayBuffer();
    }
    marks += size;
  }
  const endedAt = Date.now();
  await pool?.end();
  return { startedAt, endedAt, marks };
}

/** One mark per request, `connections` requests in flight at any time. */
async function sendSmall(job: Extract<ClientJob, { mode: 'small' }>): Promise<ClientResult> {
  const latencies: number[] = [];
  let next = 0;
  const startedAt = Date.now();
  const lane = async () => {
    for (let i = next++; i < job.requests; i = next++) {
      const started = performance.now();
      const response = await fetch(job.url, {
        method: 'POST',
        headers: { authorization: `Bearer ${job.apiKey}`, 'content-type': 'application/json' },
        body: bodyOf(i, 1, job.prefix),
      });
      if (response.status !== 200) throw new Error(`request ${i}: ${response.status} ${(await response.text()).slice(0, 500)}`);
      await response.arrayBuffer();
      latencies.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: job.connections }, lane));
  const endedAt = Date.now();
  latencies.sort((a, b) => a - b);
  return { startedAt, endedAt, marks: job.requests, latenciesMs: { p50: percentile(latencies, 50), p99: percentile(latencies, 99), count: latencies.length } };
}

const job = JSON.parse(process.argv[2] ?? '{}') as ClientJob & { goAt?: number };
// Clients start together at the parent's signal time, after their own start-up.
await new Promise((resolve) => setTimeout(resolve, Math.max(0, (job.goAt ?? 0) - Date.now())));
const result = job.mode === 'small' ? await sendSmall(job) : await loadBatches(job);
process.stdout.write(`${JSON.stringify(result)}\n`);
