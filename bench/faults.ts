// The fault suite: each scenario runs real worker processes (`vestnik start --role worker`)
// against a fake Bot API (Telegram's, or MAX's for the max-* scenarios) and a real SMTP server on loopback, with the embedded
// PostgreSQL 18 and an external one (Debian's PostgreSQL 15), and prints, per scenario:
// expected, delivered, lost, duplicated (and how many repeats in-flight requests allow),
// seconds to recover, and worker exits. Targets: 0 lost; duplicates only for in-flight
// requests; no exits; a killed sender's critical rows sent within 15 s; stops within 5 s;
// pacing ≥ 0.97 of the rate with 0 × 429.
//   npm run bench:faults
//   BENCH_FAULTS=kill,pacing npm run bench:faults     (pick scenarios; max-kill,max-db-restart,max-429,max-errors,max-hangs,max-pacing for MAX)
//   BENCH_SMTP_OUTAGE_S=60 npm run bench:faults        (a shorter SMTP outage; default 240)
import { createCluster, type Cluster, type ClusterKind } from '../test/support/postgres-cluster.js';
import { verdict, type Outcome } from './faults/outcome.js';
import { smtpOutage, smtpRelayDenied, smtpUnknownMailbox } from './faults/scenarios-email.js';
import { databaseRestart, gracefulStop, hangs, killNine, pacing, senderSessionLost, serverErrorsAndBlocks, tooManyRequestsStorm, twoWorkers } from './faults/scenarios-telegram.js';

const env = process.env;
const OUTAGE_S = Number(env.BENCH_SMTP_OUTAGE_S ?? 240);

const SCENARIOS: Array<{ name: string; db: ClusterKind; run: (cluster: Cluster) => Promise<Outcome> }> = [
  { name: 'kill', db: 'embedded', run: killNine },
  { name: 'kill', db: 'external', run: killNine },
  { name: 'two-workers', db: 'external', run: twoWorkers },
  { name: 'db-restart', db: 'embedded', run: databaseRestart },
  { name: 'db-restart', db: 'external', run: databaseRestart },
  { name: 'lock-loss', db: 'external', run: senderSessionLost },
  { name: '429', db: 'embedded', run: tooManyRequestsStorm },
  { name: 'errors', db: 'embedded', run: serverErrorsAndBlocks },
  { name: 'hangs', db: 'embedded', run: hangs },
  { name: 'sigterm', db: 'embedded', run: gracefulStop },
  { name: 'pacing', db: 'embedded', run: (c) => pacing(c, 30) },
  // The same chat faults for MAX: its sender, its lease and its 429s.
  { name: 'max-kill', db: 'embedded', run: (c) => killNine(c, 'max') },
  { name: 'max-db-restart', db: 'embedded', run: (c) => databaseRestart(c, 'max') },
  { name: 'max-429', db: 'embedded', run: (c) => tooManyRequestsStorm(c, 'max') },
  { name: 'max-errors', db: 'embedded', run: (c) => serverErrorsAndBlocks(c, 'max') },
  { name: 'max-hangs', db: 'embedded', run: (c) => hangs(c, 'max') },
  { name: 'max-pacing', db: 'embedded', run: (c) => pacing(c, 30, 'max') },
  { name: 'smtp-outage', db: 'embedded', run: (c) => smtpOutage(c, OUTAGE_S) },
  { name: 'smtp-550', db: 'embedded', run: smtpRelayDenied },
  { name: 'smtp-mailbox', db: 'embedded', run: smtpUnknownMailbox },
];

const print = (line: string) => process.stdout.write(`${line}\n`);
const pad = (value: unknown, width: number) => String(value).padEnd(width);

async function main(): Promise<number> {
  const picked = env.BENCH_FAULTS ? new Set(env.BENCH_FAULTS.split(',')) : undefined;
  const chosen = SCENARIOS.filter((s) => !picked || picked.has(s.name));
  const clusters = new Map<ClusterKind, Cluster>();
  const results: Outcome[] = [];
  try {
    for (const scenario of chosen) {
      let cluster = clusters.get(scenario.db);
      if (!cluster) clusters.set(scenario.db, (cluster = await createCluster(scenario.db)));
      const started = performance.now();
      const outcome = await scenario.run(cluster);
      results.push(outcome);
      const failures = verdict(outcome);
      print(`${failures.length ? 'FAIL' : 'PASS'} ${outcome.scenario} (${outcome.db}) in ${((performance.now() - started) / 1000).toFixed(0)} s${failures.length ? `: ${failures.join(', ')}` : ''}`);
    }
  } finally {
    for (const cluster of clusters.values()) await cluster.destroy();
  }
  print('');
  print(`| ${pad('scenario', 30)} | ${pad('db', 8)} | expected | delivered | lost | duplicated (in flight) | recover s | exits | verdict | notes |`);
  print(`|${'-'.repeat(32)}|----------|----------|-----------|------|------------------------|-----------|-------|---------|-------|`);
  let failed = 0;
  for (const o of results) {
    const failures = verdict(o);
    if (failures.length) failed += 1;
    const recover = o.recoverSeconds === null ? '—' : Number.isFinite(o.recoverSeconds) ? o.recoverSeconds.toFixed(1) : 'never';
    print(`| ${pad(o.scenario, 30)} | ${pad(o.db, 8)} | ${pad(o.expected, 8)} | ${pad(o.delivered, 9)} | ${pad(o.lost, 4)} | ${pad(`${o.duplicated} (${o.allowedDuplicates})`, 22)} | ${pad(recover, 9)} | ${pad(o.exits, 5)} | ${failures.length ? `FAIL: ${failures.join('; ')}` : 'PASS'} | ${o.note ?? ''} |`);
  }
  print('');
  print(failed ? `${failed} of ${results.length} scenarios FAIL` : `all ${results.length} scenarios PASS`);
  return failed ? 1 : 0;
}

process.exitCode = await main();
