// Time from `npm start` to a healthy /healthz, on a fresh data folder and on an existing
// one, against a baseline measured in the same run: starting bare Node.js on the same machine.
//   npm run bench:startup            (BENCH_RUNS=N to repeat, default 3)
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.env.BENCH_RUNS ?? 3);

async function timeToHealthy(dataDir: string): Promise<number> {
  const started = performance.now();
  const child = spawn('npm', ['start', '--silent'], {
    cwd: root,
    env: { ...process.env, VESTNIK_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  try {
    for (;;) {
      const url = out.match(/(http:\/\/127\.0\.0\.1:\d+)/)?.[1];
      if (url) {
        const response = await fetch(`${url}/healthz`).catch(() => undefined);
        if (response?.status === 200) return performance.now() - started;
      }
      if (child.exitCode !== null) throw new Error(`service exited early:\n${out}`);
      if (performance.now() - started > 120_000) throw new Error('service did not become healthy in 120 s');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
    await new Promise((resolve) => child.on('exit', resolve));
    // npm exits before the service finishes its clean stop: wait until the database is released.
    const deadline = Date.now() + 30_000;
    while (existsSync(path.join(dataDir, 'pg-owner.json')) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

async function timeBareNode(): Promise<number> {
  const started = performance.now();
  await new Promise((resolve) => spawn(process.execPath, ['-e', '0']).on('exit', resolve));
  return performance.now() - started;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const baseline: number[] = [];
const fresh: number[] = [];
const existing: number[] = [];
for (let i = 0; i < runs; i += 1) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vestnik-bench-'));
  await chmod(dataDir, 0o755);
  try {
    baseline.push(await timeBareNode());
    fresh.push(await timeToHealthy(dataDir));
    existing.push(await timeToHealthy(dataDir));
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
console.log(`runs: ${runs}`);
console.log(`baseline (bare node start):            ${fmt(median(baseline))}`);
console.log(`npm start → healthy, fresh data folder:    ${fmt(median(fresh))}  (${(median(fresh) / median(baseline)).toFixed(1)}× baseline)`);
console.log(`npm start → healthy, existing data folder: ${fmt(median(existing))}  (${(median(existing) / median(baseline)).toFixed(1)}× baseline)`);
