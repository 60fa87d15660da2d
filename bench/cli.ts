// How quickly the executable answers, against bare `node -e 0` measured in the same run,
// and the service's cold start and idle memory, compiled (`bin/vestnik.js`) against
// today's way of running the sources through tsx (`node --import tsx src/cli/main.ts`).
//   npm run bench:cli                BENCH_RUNS=N (default 5); BENCH_TODAY=<checkout> takes
//                                    "today" from another checkout's bin/vestnik.js instead
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { percentile } from './percentile.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.env.BENCH_RUNS ?? 5);
const rssHook = path.join(root, 'bench', 'max-rss.mjs');
const today = process.env.BENCH_TODAY ? path.resolve(process.env.BENCH_TODAY) : undefined;

interface Runner { label: string; cwd: string; args: string[] }
const compiled: Runner = { label: 'compiled', cwd: root, args: [path.join(root, 'bin', 'vestnik.js')] };
const before: Runner = today
  ? { label: `today (${today})`, cwd: today, args: [path.join(today, 'bin', 'vestnik.js')] }
  : { label: 'today (tsx)', cwd: root, args: ['--import', 'tsx', path.join(root, 'src', 'cli', 'main.ts')] };

interface Run { ms: number; peakMb: number; code: number | null; stdout: string }

/** Runs node with the peak-RSS hook; wall time from spawn to exit. */
async function run(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const rssFile = path.join(os.tmpdir(), `vestnik-bench-rss-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', rssHook, ...args], { cwd, env: { ...process.env, ...env, BENCH_RSS_FILE: rssFile }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const ms = performance.now() - started;
  const peakKb = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) : NaN;
  await rm(rssFile, { force: true });
  if (code !== 0) throw new Error(`node ${args.join(' ')} exited with ${code}:\n${stdout}\n${stderr}`);
  return { ms, peakMb: peakKb / 1024, code, stdout };
}

async function repeat(times: number, once: () => Promise<Run>): Promise<{ ms: number; peakMb: number; last: Run }> {
  const results: Run[] = [];
  for (let i = 0; i < times; i += 1) results.push(await once());
  const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
  return { ms: percentile(sorted(results.map((r) => r.ms)), 50), peakMb: percentile(sorted(results.map((r) => r.peakMb)), 50), last: results.at(-1)! };
}

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line?.replace(/\D+/g, '') ?? NaN) / 1024;
}

/** Starts the service on a fresh data folder; times cold start to a healthy /healthz, then idles. */
async function service(runner: Runner, env: NodeJS.ProcessEnv, idle = true) {
  const started = performance.now();
  const child = spawn(process.execPath, [...runner.args, 'start'], { cwd: runner.cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  let coldMs: number | undefined;
  while (coldMs === undefined) {
    const url = out.match(/(http:\/\/127\.0\.0\.1:\d+)/)?.[1];
    const response = url ? await fetch(`${url}/healthz`).catch(() => undefined) : undefined;
    if (response?.status === 200) coldMs = performance.now() - started;
    else if (child.exitCode !== null) throw new Error(`service exited early:\n${out}`);
    else if (performance.now() - started > 120_000) throw new Error('service did not become healthy in 120 s');
    else await new Promise((resolve) => setTimeout(resolve, 20));
  }
  // Idle: the scheduler's first ticks (and with them Prisma's query compiler) run in the
  // first seconds, so the resident set is read 10 s after start, median of 5 readings.
  await new Promise((resolve) => setTimeout(resolve, idle ? 10_000 : 0));
  const readings: number[] = [];
  for (let i = 0; i < (idle ? 5 : 1); i += 1) {
    readings.push(rssMb(child.pid!));
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  const idleMb = percentile(readings.sort((a, b) => a - b), 50);
  const stop = async () => {
    child.kill('SIGTERM');
    if (child.exitCode === null) await new Promise((resolve) => child.on('exit', resolve));
  };
  return { coldMs, idleMb, stop };
}

async function commands(runner: Runner, env: NodeJS.ProcessEnv) {
  const create = await repeat(Math.min(runs, 3), () => run([...runner.args, 'school', 'create', '--name', 'Bench', '--timezone', 'Europe/Moscow', '--json'], runner.cwd, env));
  const school = (JSON.parse(create.last.stdout) as { id: string }).id;
  const list = await repeat(Math.min(runs, 3), () => run([...runner.args, 'codes', 'list', '--school', school, '--json'], runner.cwd, env));
  return { create, list };
}

async function measure(runner: Runner) {
  const help = await repeat(runs, () => run([...runner.args, '--help'], runner.cwd));
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vestnik-bench-cli-'));
  await chmod(dataDir, 0o755);
  const env = { VESTNIK_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', DATABASE_URL: '', VESTNIK_LANG: 'en' };
  try {
    const running = await service(runner, env);
    try {
      return { help, ...running, ...(await commands(runner, env)) };
    } finally {
      await running.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Cold start on a fresh data folder, alternating the two so neither always goes first. */
async function coldStarts(times: number): Promise<[number, number]> {
  const results: [number[], number[]] = [[], []];
  for (let i = 0; i < times; i += 1) {
    for (const [index, runner] of (i % 2 === 0 ? [[0, compiled], [1, before]] : [[1, before], [0, compiled]]) as Array<[0 | 1, Runner]>) {
      const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vestnik-bench-cold-'));
      await chmod(dataDir, 0o755);
      try {
        const running = await service(runner, { VESTNIK_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', DATABASE_URL: '' }, false);
        results[index].push(running.coldMs);
        await running.stop();
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    }
  }
  const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);
  return [median(results[0]), median(results[1])];
}

const bare = await repeat(runs, () => run(['-e', '0'], root));
const now = await measure(compiled);
const then = await measure(before);
[now.coldMs, then.coldMs] = await coldStarts(Math.min(runs, 3));

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (value: number) => `${value.toFixed(0)} MB`;
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
const rows: Array<[string, string, string, boolean]> = [
  ['vestnik --help wall', `${s(now.help.ms)} = ${(now.help.ms / bare.ms).toFixed(1)}× node -e 0`, `${s(then.help.ms)}`, now.help.ms <= 3 * bare.ms],
  ['vestnik --help peak RSS', mb(now.help.peakMb), mb(then.help.peakMb), now.help.peakMb < 80],
  ['school create --json (service running)', s(now.create.ms), s(then.create.ms), now.create.ms < 1500],
  ['codes list', s(now.list.ms), s(then.list.ms), now.list.ms < 1500],
  ['idle service RSS', `${mb(now.idleMb)} (${(((then.idleMb - now.idleMb) / then.idleMb) * 100).toFixed(0)} % below)`, mb(then.idleMb), now.idleMb <= 0.7 * then.idleMb],
  ['cold start → healthy /healthz', s(now.coldMs), s(then.coldMs), now.coldMs <= then.coldMs * 1.05],
];
console.log(`runs: ${runs}; node -e 0: ${s(bare.ms)}, ${mb(bare.peakMb)} peak`);
console.log(`${'measure'.padEnd(40)}${'compiled'.padEnd(30)}${before.label.padEnd(24)}target`);
for (const [name, value, baseline, ok] of rows) console.log(`${name.padEnd(40)}${value.padEnd(30)}${baseline.padEnd(24)}${verdict(ok)}`);
process.exitCode = rows.every((row) => row[3]) ? 0 : 1;
