// What the bot benchmark's adapters share: updates fed at a fixed rate, a logger that
// counts errors, and the side-by-side report with a verdict per adapter.
import { pino } from 'pino';
import type { Logger } from '../src/lib/logger.js';
import { percentile } from './percentile.js';

export const COMMANDS = ['/marks', '/forecast', '/schedule'];
/** The baseline: the lightest update the bot answers, fed at the same rate in the same run. */
export const BASELINE_COMMAND = '/help';
export const TARGET_P99_MS = 50;

export interface RoundFigures {
  p50: number;
  p99: number;
}

export interface AdapterResult {
  adapter: string;
  timings: number[];
  handlerErrors: number;
  apiErrors: number;
  /** What the errors were, most frequent first. */
  errorKinds?: Map<string, number>;
  /** From the first update fed to the last handled: above the feeding time, the adapter fell behind. */
  drainSeconds?: number;
  /** Each round's figures: one run's p99 swings with the machine, so the spread is reported. */
  rounds: RoundFigures[];
  /** The same rounds' baseline (BASELINE_COMMAND), alternating with them. */
  baseline: RoundFigures[];
}

export interface RoundOptions {
  rounds: number;
  /** Measured seconds in all, split over the rounds; each baseline round is a third as long. */
  seconds: number;
  rate: number;
  /** Every handled update's time is pushed here, in order. */
  timings: number[];
  send(parent: number, command: string): void;
  waitForHandled(count: number): Promise<unknown>;
}

function roundFigures(timings: readonly number[]): RoundFigures {
  const sorted = [...timings].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

/**
 * Rounds of the view mix, each followed by a shorter round of the baseline update at the same
 * rate, so load from elsewhere on the machine shows in both. Returns the view timings of all
 * rounds (for the overall figures) and each round's figures.
 */
export async function measureRounds(options: RoundOptions, parents: number): Promise<{ timings: number[]; rounds: RoundFigures[]; baseline: RoundFigures[] }> {
  const views: number[] = [];
  const rounds: RoundFigures[] = [];
  const baseline: RoundFigures[] = [];
  const perRound = Math.max(1, Math.round((options.seconds * options.rate) / options.rounds));
  const perBaseline = Math.max(1, Math.round(perRound / 3));
  const feed = async (count: number, command: (i: number) => string): Promise<number[]> => {
    const start = options.timings.length;
    await feedAtRate(count, options.rate, (i) => options.send(Math.floor(Math.random() * parents), command(i)));
    await options.waitForHandled(start + count);
    return options.timings.slice(start, start + count);
  };
  for (let round = 0; round < options.rounds; round++) {
    const timings = await feed(perRound, (i) => COMMANDS[i % COMMANDS.length]!);
    views.push(...timings);
    rounds.push(roundFigures(timings));
    baseline.push(roundFigures(await feed(perBaseline, () => BASELINE_COMMAND)));
  }
  return { timings: views, rounds, baseline };
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

const median = (values: readonly number[]) => percentile([...values].sort((a, b) => a - b), 50);

function figures(result: AdapterResult) {
  const sorted = [...result.timings].sort((a, b) => a - b);
  const roundP99 = result.rounds.map((r) => r.p99);
  const worst = Math.max(...roundP99);
  const best = Math.min(...roundP99);
  const baselineP99 = median(result.baseline.map((r) => r.p99));
  // Every round must meet the target, not only the whole run's pooled figure.
  const met = worst < TARGET_P99_MS && result.handlerErrors + result.apiErrors === 0;
  const throughput = result.drainSeconds ? `${(result.timings.length / result.drainSeconds).toFixed(0)}/s over ${result.drainSeconds.toFixed(1)} s` : '';
  return {
    handled: String(result.timings.length),
    throughput,
    p50: fmt(percentile(sorted, 50)),
    p99: fmt(percentile(sorted, 99)),
    rounds: roundP99.map((v) => v.toFixed(1)).join(' / '),
    spread: `${fmt(best)} – ${fmt(worst)} (×${(worst / best).toFixed(2)})`,
    baseline: `${fmt(baselineP99)} (${BASELINE_COMMAND}, median of rounds)`,
    ratio: `×${(median(roundP99) / baselineP99).toFixed(2)}`,
    max: fmt(sorted.at(-1) ?? NaN),
    errors: `${result.handlerErrors} handler, ${result.apiErrors} Bot API`,
    verdict: met ? 'PASS' : 'FAIL',
  };
}

/** One adapter's lines, as the benchmark printed them before MAX joined. */
export function printResult(result: AdapterResult): void {
  const f = figures(result);
  console.log(`[${result.adapter}] updates handled: ${f.handled} (${f.throughput})`);
  console.log(`[${result.adapter}] handling time p50 ${f.p50}  p99 ${f.p99}  max ${f.max}`);
  console.log(`[${result.adapter}] p99 per round (ms): ${f.rounds}; spread ${f.spread}; baseline p99 ${f.baseline}`);
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
    ['p99 of each round (ms)', 'rounds'],
    ['p99 spread over rounds', 'spread'],
    ['baseline p99', 'baseline'],
    ['p99 ÷ baseline p99 (medians)', 'ratio'],
    ['max', 'max'],
    ['errors', 'errors'],
    [`verdict (p99 < ${TARGET_P99_MS} ms in every round, zero errors)`, 'verdict'],
  ];
  const columns = results.map(figures);
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  const cell = Math.max(20, ...columns.flatMap((c) => Object.values(c).map((v) => v.length + 2)));
  console.log(`\n${''.padEnd(width)}${results.map((r) => r.adapter.padEnd(cell)).join('')}`);
  for (const [label, key] of rows) console.log(`${label.padEnd(width)}${columns.map((c) => c[key].padEnd(cell)).join('')}`);
}
