// bench:ingest from outside: the real service (`vestnik start`, web and worker roles in one
// process, as `npm start` runs it) as a child process against the bench's database, loaded by
// two concurrent client processes, the raw upsert by two concurrent client processes in turns
// with it; then small requests from 50 connections at once.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findFreePort } from '../src/db/embedded-postgres.js';
import type { ClientJob, ClientResult } from './ingest-client.js';
import { SECRET } from './ingest-data.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const BIN = path.join(HERE, '../bin/vestnik.js');
const CLIENT = path.join(HERE, 'ingest-client.ts');
/** Client processes start up (tsx) before this many milliseconds pass, then begin together. */
const CLIENT_START_MS = 5000;

export interface ExternalOptions {
  databaseUrl: string;
  dataDir: string;
  apiKey: string;
  plainSchoolId: string;
  total: number;
  batch: number;
  rounds: number;
  clients: number;
  smallRequests: number;
  connections: number;
}

export interface ExternalFigures {
  baselineRate: number;
  apiRate: number;
  small: { perSecond: number; p50: number; p99: number };
  serverPeakMb: number;
}

function runClients(jobs: ClientJob[]): Promise<ClientResult[]> {
  const goAt = Date.now() + CLIENT_START_MS;
  return Promise.all(
    jobs.map(
      (job) =>
        new Promise<ClientResult>((resolve, reject) => {
          const child = spawn(process.execPath, ['--import', 'tsx', CLIENT, JSON.stringify({ ...job, goAt })], { stdio: ['ignore', 'pipe', 'pipe'] });
          let out = '';
          let err = '';
          child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
          child.stderr.on('data', (chunk: Buffer) => (err = (err + chunk.toString()).slice(-5000)));
          child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop() as string) as ClientResult) : reject(new Error(`client ${job.mode}: ${err}`))));
        }),
    ),
  );
}

const spanSeconds = (results: ClientResult[]) => (Math.max(...results.map((r) => r.endedAt)) - Math.min(...results.map((r) => r.startedAt))) / 1000;

async function waitForHealth(url: string, exited: () => string | undefined): Promise<void> {
  for (let i = 0; i < 600; i += 1) {
    const failure = exited();
    if (failure !== undefined) throw new Error(`the service exited: ${failure}`);
    const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the service did not answer /healthz within 60 s');
}

/** The child's peak resident set (VmHWM), read while it still runs. */
function peakMbOf(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

export async function runExternal(o: ExternalOptions): Promise<ExternalFigures> {
  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [BIN, 'start', '--role', 'all'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: o.databaseUrl, VESTNIK_SECRET: SECRET, VESTNIK_DATA_DIR: o.dataDir, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  let exit: string | undefined;
  server.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-5000)));
  const exited = new Promise<void>((resolve) => server.on('exit', (code, signal) => ((exit = `${code ?? signal} ${stderr}`), resolve())));
  try {
    await waitForHealth(url, () => exit);
    const chunk = Math.ceil(o.total / o.rounds);
    let baselineSeconds = 0;
    let apiSeconds = 0;
    // Turns again: a round of the raw upsert, then the same number of marks through the API.
    for (let round = 0; round < o.rounds; round += 1) {
      const share = (mode: 'api' | 'baseline', k: number): ClientJob =>
        mode === 'api'
          ? { mode, url: `${url}/api/v1/marks`, apiKey: o.apiKey, prefix: `x${round}-`, total: chunk, batch: o.batch, first: k, stride: o.clients }
          : { mode, databaseUrl: o.databaseUrl, schoolId: o.plainSchoolId, prefix: `x${round}-`, total: chunk, batch: o.batch, first: k, stride: o.clients };
      baselineSeconds += spanSeconds(await runClients(Array.from({ length: o.clients }, (_v, k) => share('baseline', k))));
      apiSeconds += spanSeconds(await runClients(Array.from({ length: o.clients }, (_v, k) => share('api', k))));
    }
    const [small] = await runClients([{ mode: 'small', url: `${url}/api/v1/marks`, apiKey: o.apiKey, prefix: 'q', requests: o.smallRequests, connections: o.connections }]);
    const serverPeakMb = peakMbOf(server.pid as number);
    return {
      baselineRate: (chunk * o.rounds) / baselineSeconds,
      apiRate: (chunk * o.rounds) / apiSeconds,
      small: { perSecond: o.smallRequests / spanSeconds([small!]), p50: small!.latenciesMs!.p50, p99: small!.latenciesMs!.p99 },
      serverPeakMb,
    };
  } finally {
    if (exit === undefined) server.kill('SIGTERM');
    await exited;
  }
}
