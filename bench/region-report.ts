// The region benchmark's figures, verdicts and capacity table, from what the fakes received.
import type { Arrival } from './region-fakes.js';
import type { FinalsResult, IngestResult } from './region-ingest.js';
import { botKeyOf, type RegionSchool } from './region-seed.js';

export interface RunFigures {
  schools: RegionSchool[];
  shared: boolean;
  guardians: number;
  workers: number;
  rate: number;
  queued: number;
  expected: number;
  t0: number;
  t1: number;
  finalsStart: number;
  arrivals: Arrival[];
  tooManyRequests: number;
  duplicates: number;
  finals: FinalsResult;
  /** unrecorded: rows the killed worker had claimed (status sending) and not recorded when it died. */
  kill: { at: number; leasesHeld: number; pending: string[]; unrecorded: number } | undefined;
  workerCpu: number;
  pgCpu: number;
  ingest: IngestResult | undefined;
  sizeEmpty: number;
  sizeSeeded: number;
  leaseSeconds: number;
}

const verdict = (pass: boolean) => (pass ? 'PASS' : 'FAIL');
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const gb = (bytes: number) => `${(bytes / 1024 / 1024 / 1024).toFixed(1)} GB`;

/** Silence of each bot that still had work at the kill: from the kill to its next arrival. */
function moveSeconds(f: RunFigures): { worst: number; moved: number } | undefined {
  if (!f.kill) return undefined;
  const { at, pending } = f.kill;
  let worst = 0;
  let moved = 0;
  for (const bot of pending) {
    // Requests the killed process had already made land within a few milliseconds.
    const next = f.arrivals.find((a) => a.bot === bot && a.at > at + 100);
    const gap = next ? (next.at - at) / 1000 : Number.POSITIVE_INFINITY;
    if (gap > 1) moved += 1;
    worst = Math.max(worst, gap);
  }
  return { worst, moved };
}

/**
 * Repeats whose first copy arrived before the kill and the repeat after it: the killed
 * worker's sends it had not recorded, sent again by the bot's next holder. A repeat with
 * both copies on one side of the kill would be two senders at once, or a retry gone wrong.
 */
function inFlightRepeats(f: RunFigures): number {
  if (!f.kill) return 0;
  const first = new Map<string, number>();
  let repeats = 0;
  for (const a of f.arrivals) {
    const key = `${a.bot}|${a.chat}|${a.text}`;
    const at = first.get(key);
    if (at === undefined) first.set(key, a.at);
    else if (at <= f.kill.at && a.at > f.kill.at) repeats += 1;
  }
  return repeats;
}

/** Returns true when a target failed. */
export function printReport(f: RunFigures, print: (line: string) => void): boolean {
  const bots = new Set(f.schools.map((s) => s.botKey));
  const limit = bots.size * f.rate;
  const times = f.arrivals.map((a) => a.at).sort((a, b) => a - b);
  const first = times[0] ?? f.t0;
  // The steady state with every worker alive: after the sliding window's opening burst, up to the kill.
  const from = first + 2000;
  const to = f.kill?.at ?? times.at(-1) ?? f.t1;
  const inWindow = times.filter((t) => t >= from && t <= to).length;
  const steady = inWindow / Math.max(0.001, (to - from) / 1000);
  const whole = f.arrivals.length / Math.max(0.001, ((times.at(-1) ?? first) - first) / 1000);
  const wrongBot = f.arrivals.filter((a) => a.bot !== botKeyOf(Math.floor((Number(a.chat) - 10_000_000) / 100_000), f.shared)).length;
  const delivered = f.arrivals.filter((a) => a.at >= f.t0 && a.at <= f.t1).length;
  const move = moveSeconds(f);
  const repeats = inFlightRepeats(f);
  const lines: Array<[string, boolean]> = [
    [`messages/s ÷ bots' summed limit (${bots.size} bots × ${f.rate}/s = ${limit}/s), with all ${f.workers} workers: ${steady.toFixed(1)}/s ÷ ${limit} = ${(steady / limit).toFixed(3)} (target ≥ 0.9); whole run incl. the kill: ${whole.toFixed(1)}/s = ${(whole / limit).toFixed(3)}`, steady / limit >= 0.9],
    [`429s: ${f.tooManyRequests} (target 0)`, f.tooManyRequests === 0],
    // A kill -9 may repeat what was in flight (a send answered but not yet recorded): no
    // messenger API takes an idempotency key. Nothing else may be sent twice.
    [`duplicates: ${f.duplicates}, of which ${repeats} were sent before the kill and again after it, of the ${f.kill?.unrecorded ?? 0} rows the killed worker had claimed and not recorded (target: only those); delivered ${f.arrivals.length} of ${f.expected} expected`, f.duplicates === repeats && repeats <= (f.kill?.unrecorded ?? 0) && f.arrivals.length >= f.expected],
    [`messages through a bot other than the chat's own: ${wrongBot} (target 0)`, wrongBot === 0],
    [`final mark, POST → messenger, ${f.finals.latencies.length} of ${f.finals.latencies.length + f.finals.missing} arrived: p50 ${f.finals.p50} ms, p99 ${f.finals.p99} ms, max ${f.finals.max} ms (target p99 < 5,000 ms)`, f.finals.p99 < 5000 && f.finals.missing === 0],
  ];
  if (move) lines.push([`bot move after kill -9: ${move.moved} of ${f.kill!.pending.length} busy bots went silent (the killed worker held ${f.kill!.leasesHeld} sender leases); longest silence ${move.worst.toFixed(1)} s (target < lease ${f.leaseSeconds} s, ≤ 30 s)`, move.worst < f.leaseSeconds && move.worst <= 30]);
  print('');
  print(`region: ${f.schools.length} schools × ${f.guardians} guardians, ${f.workers} workers + 1 web, one external PostgreSQL 15`);
  let failed = false;
  for (const [text, pass] of lines) {
    failed ||= !pass;
    print(`  ${verdict(pass)}  ${text}`);
  }
  const perK = (cpu: number) => cpu / Math.max(1, delivered / 1000);
  const workerPerK = perK(f.workerCpu);
  const pgPerK = perK(f.pgCpu);
  print(`  CPU per 1,000 messages: workers ${workerPerK.toFixed(2)} s, PostgreSQL ${pgPerK.toFixed(2)} s (${delivered} messages, workers ${f.workerCpu.toFixed(1)} s, PostgreSQL ${f.pgCpu.toFixed(1)} s)`);
  if (f.ingest) {
    const i = f.ingest;
    print(`  marks ingest through the API: ${i.marks} marks in ${i.seconds.toFixed(1)} s = ${i.perSecond.toFixed(0)}/s; CPU per 1,000 marks: web ${(i.webCpu / (i.marks / 1000)).toFixed(2)} s, PostgreSQL ${(i.pgCpu / (i.marks / 1000)).toFixed(2)} s`);
  }
  const perSchool = (f.sizeSeeded - f.sizeEmpty) / f.schools.length;
  const perGuardian = perSchool / f.guardians;
  print(`  database: ${mb(f.sizeSeeded)} after seeding (${mb(f.sizeEmpty)} empty): ${mb(perSchool)} per school of ${f.guardians} guardians`);
  print('');
  print('Capacity, extrapolated (one bot per school at 30/s, all sending a digest wave at once; 1,000 guardians per school; workers at 70 % of a core):');
  print('| schools | guardians | bots | peak msgs/s | worker cores | workers | PostgreSQL cores | database | digest wave |');
  print('|---------|-----------|------|-------------|--------------|---------|------------------|----------|-------------|');
  for (const n of [500, 5000]) {
    const peak = n * f.rate;
    const workerCores = (peak / 1000) * workerPerK;
    const pgCores = (peak / 1000) * pgPerK;
    print(`| ${n} | ${(n * 1000).toLocaleString('en')} | ${n} | ${peak.toLocaleString('en')} | ${workerCores.toFixed(1)} | ${Math.ceil(workerCores / 0.7)} | ${pgCores.toFixed(1)} | ${gb(perGuardian * n * 1000)} | ${(1000 / f.rate / 60).toFixed(1)} min |`);
  }
  return failed;
}
