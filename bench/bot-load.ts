// What the bot benchmark's adapters share: updates fed at a fixed rate, a logger that
// counts errors, and the side-by-side report with a verdict per adapter.
import { pino } from 'pino';
import type { Logger } from '../src/lib/logger.js';
import { percentile } from './percentile.js';

export const COMMANDS = ['/marks', '/forecast', '/schedule'];
export const TARGET_P99_MS = 50;

export interface AdapterResult {
  adapter: string;
  timings: number[];
  handlerErrors: number;
  apiErrors: number;
  /** What the errors were, most frequent first. */
  errorKinds?: Map<string, number>;
  /** From the first update fed to the last handled: above the feeding time, the adapter fell behind. */
  drainSeconds?: number;
}

/** A warn-level logger that counts what it logs at error level and above, by message and error. */
export function errorCounter(): { logger: Logger; count(): number; reset(): void; kinds(): Map<string, number> } {
  const kinds = new Map<string, number>();
  const write = (line: string) => {
    const entry = JSON.parse(line) as { level: number; msg?: string; err?: { message?: string } };
    if (entry.level < 50) return;
    const kind = `${entry.msg ?? ''}: ${entry.err?.message?.split('\n')[0]?.slice(0, 160) ?? ''}`;
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  };
  const logger = pino({ level: 'warn' }, { write }) as unknown as Logger;
  return { logger, count: () => [...kinds.values()].reduce((a, b) => a + b, 0), reset: () => kinds.clear(), kinds: () => kinds };
}

/** Calls send(i) for i in [0, total), the i-th at started + i/rate seconds. */
export async function feedAtRate(total: number, rate: number, send: (i: number) => void): Promise<void> {
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    send(i);
  }
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

function figures(result: AdapterResult) {
  const sorted = [...result.timings].sort((a, b) => a - b);
  const p99 = percentile(sorted, 99);
  const met = p99 < TARGET_P99_MS && result.handlerErrors + result.apiErrors === 0;
  const throughput = result.drainSeconds ? `${(result.timings.length / result.drainSeconds).toFixed(0)}/s over ${result.drainSeconds.toFixed(1)} s` : '';
  return { handled: String(result.timings.length), throughput, p50: fmt(percentile(sorted, 50)), p99: fmt(p99), max: fmt(sorted.at(-1) ?? NaN), errors: `${result.handlerErrors} handler, ${result.apiErrors} Bot API`, verdict: met ? 'target met' : 'TARGET MISSED' };
}

/** One adapter's lines, as the benchmark printed them before MAX joined. */
export function printResult(result: AdapterResult): void {
  const f = figures(result);
  console.log(`[${result.adapter}] updates handled: ${f.handled} (${f.throughput})`);
  console.log(`[${result.adapter}] handling time p50 ${f.p50}  p99 ${f.p99}  max ${f.max}`);
  console.log(`[${result.adapter}] errors: ${f.errors}`);
  const kinds = [...(result.errorKinds ?? new Map<string, number>())].sort((a, b) => b[1] - a[1]).slice(0, 5);
  for (const [kind, count] of kinds) console.log(`[${result.adapter}]   ${count}× ${kind}`);
}

export function printSideBySide(results: readonly AdapterResult[]): void {
  const rows: Array<[string, keyof ReturnType<typeof figures>]> = [
    ['updates handled', 'handled'],
    ['handled per second', 'throughput'],
    ['p50', 'p50'],
    ['p99', 'p99'],
    ['max', 'max'],
    ['errors', 'errors'],
    [`verdict (p99 < ${TARGET_P99_MS} ms, zero errors)`, 'verdict'],
  ];
  const columns = results.map(figures);
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  const cell = Math.max(20, ...columns.flatMap((c) => Object.values(c).map((v) => v.length + 2)));
  console.log(`\n${''.padEnd(width)}${results.map((r) => r.adapter.padEnd(cell)).join('')}`);
  for (const [label, key] of rows) console.log(`${label.padEnd(width)}${columns.map((c) => c[key].padEnd(cell)).join('')}`);
}
