// The region benchmark's e-journal side: final marks posted through the web process's API
// (each timed to the message reaching the fake messenger), and a bulk marks ingest timed
// with the web process's and PostgreSQL's CPU.
import { percentile } from './percentile.js';
import type { RegionFake } from './region-fakes.js';
import { chatOf, SUBJECTS, type RegionSchool } from './region-seed.js';
import { cpuSeconds, postgresCpuSeconds, sleep } from './region-procs.js';

async function post(url: string, key: string, path: string, body: string): Promise<void> {
  const response = await fetch(`${url}/api/v1${path}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body });
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${(await response.text()).slice(0, 500)}`);
}

export interface FinalsResult {
  latencies: number[];
  p50: number;
  p99: number;
  max: number;
  missing: number;
}

/**
 * `count` final marks, one per POST, `spacingMs` apart, round-robin over the schools, to
 * students `offset`+1… (who also have a digest queued): from the POST to the arrival.
 */
export async function postFinals(url: string, schools: RegionSchool[], fakes: Record<'telegram' | 'max', RegionFake>, options: { count: number; spacingMs: number; guardians: number; timeoutMs: number }): Promise<FinalsResult> {
  const waits: Array<Promise<number>> = [];
  for (let k = 0; k < options.count; k += 1) {
    const school = schools[k % schools.length]!;
    // Spread over each school's guardians, so a final often overtakes that family's digest.
    const student = 1 + ((Math.floor(k / schools.length) * 397) % options.guardians);
    const t0 = Date.now();
    await post(url, school.apiKey, '/final-marks', JSON.stringify({ finalMarks: [{ studentExternalId: `s${student}`, subjectExternalId: 'sub1', periodExternalId: 'q', status: 'final', value: '5' }] }));
    const arrived = fakes[school.type].waitFor(school.botKey, chatOf(school.n, student), 'Итоговая').then((at) => at - t0);
    const timeout = sleep(options.timeoutMs).then(() => Number.POSITIVE_INFINITY);
    waits.push(Promise.race([arrived, timeout]));
    await sleep(options.spacingMs);
  }
  const all = (await Promise.all(waits)).sort((a, b) => a - b);
  const latencies = all.filter(Number.isFinite);
  return { latencies, p50: percentile(latencies, 50), p99: percentile(all, 99), max: all.at(-1) ?? 0, missing: all.length - latencies.length };
}

export interface IngestResult {
  marks: number;
  seconds: number;
  perSecond: number;
  webCpu: number;
  pgCpu: number;
}

/** `total` marks in batches of `batch` (round-robin over the schools), sent one batch at a time. */
export async function ingestMarks(url: string, schools: RegionSchool[], options: { total: number; batch: number; guardians: number; webPid: number; postmaster: number }): Promise<IngestResult> {
  const web0 = cpuSeconds(options.webPid);
  const pg0 = postgresCpuSeconds(options.postmaster);
  const started = performance.now();
  let sent = 0;
  for (let b = 0; sent < options.total; b += 1) {
    const school = schools[b % schools.length]!;
    const size = Math.min(options.batch, options.total - sent);
    const rows: string[] = [];
    for (let k = 0; k < size; k += 1) {
      const i = sent + k;
      const day = new Date(Date.now() - (1 + (i % 50)) * 86_400_000).toISOString().slice(0, 10);
      rows.push(`{"externalId":"rm${i}","studentExternalId":"s${1 + (i % options.guardians)}","subjectExternalId":"sub${1 + (i % SUBJECTS)}","date":"${day}","value":"${2 + (i % 4)}","kind":"answer"}`);
    }
    await post(url, school.apiKey, '/marks', `{"marks":[${rows.join(',')}]}`);
    sent += size;
  }
  const seconds = (performance.now() - started) / 1000;
  return { marks: sent, seconds, perSecond: sent / seconds, webCpu: cpuSeconds(options.webPid) - web0, pgCpu: postgresCpuSeconds(options.postmaster) - pg0 };
}
