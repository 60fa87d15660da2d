// Loaded with `node --import` by bench/cli.ts: appends the process's peak RSS (KiB) to
// BENCH_RSS_FILE on exit, so peaks are measured the same way for every command, portably.
import { appendFileSync } from 'node:fs';

const file = process.env.BENCH_RSS_FILE;
if (file) process.on('exit', () => appendFileSync(file, `${process.resourceUsage().maxRSS}\n`));
