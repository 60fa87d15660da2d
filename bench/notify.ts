// Notification pipeline benchmark:
//  (a) digests for many guardians (~40 marks each): load + compose + queue, with 10,000, 30,000 and
//      100,000 of the school's guardians due: time per digest at each, their ratio, peak RSS;
//  (b) Telegram and MAX dispatch side by side, each against its fake Bot API enforcing RATE/s for the bot (strict sliding window;
//      Telegram also 1/s per chat), the same messages at the same rate, then with hung requests (bench/notify-chat.ts);
//  (c) email through pooled SMTP to a local server, with the worker's pool settings (emailPoolOptions);
//  (d) final mark latency from the API call to the Bot API, idle and behind a backlog.
//   npm run bench:notify   (BENCH_GUARDIANS, BENCH_MARKS, BENCH_TELEGRAM_SECONDS, BENCH_EMAILS, BENCH_FINALS to shorten; BENCH_PARTS=ab to pick;
//                           RATE=30 and BENCH_HANG_FRACTION=0.02 for (b), EMAIL_RATE=20 for (c))
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { openEmbeddedPostgres } from '../src/db/embedded-postgres.js';
import { applyMigrations } from '../src/db/migrate.js';
import { connectDatabase } from '../src/db/open-database.js';
import { createLogger } from '../src/lib/logger.js';
import { createMailer } from '../src/mail/create-mailer.js';
import { createDispatcher } from '../src/modules/delivery/dispatch-loop.js';
import { createEmailSender } from '../src/channels/email/email-sender.js';
import { emailPoolOptions } from '../src/channels/email/email-pool-options.js';
import { runDigests } from '../src/modules/notifications/run-digests.js';
import { chatDispatchPart } from './notify-chat.js';
import { queueMessages, SCHOOL_ID, seedNotifyBench } from './notify-seed.js';

const GUARDIANS = Number(process.env.BENCH_GUARDIANS ?? 100_000);
const MARKS = Number(process.env.BENCH_MARKS ?? 40);
const TELEGRAM_SECONDS = Number(process.env.BENCH_TELEGRAM_SECONDS ?? 30);
/** The configured Telegram and MAX rate, which each fake enforces as a strict one-second sliding window. */
const RATE = Number(process.env.RATE ?? 30);
/** The deployment-wide email rate that two workers share in (c). */
const EMAIL_RATE = Number(process.env.EMAIL_RATE ?? 20);
const EMAILS = Number(process.env.BENCH_EMAILS ?? EMAIL_RATE * 15);
/** Share of chat requests that hang until the send timeout in (b)'s second run. */
const HANG_FRACTION = Number(process.env.BENCH_HANG_FRACTION ?? 0.02);
/** Which parts to run, e.g. BENCH_PARTS=a. */
const PARTS = process.env.BENCH_PARTS ?? 'abcd';
const FINALS = Number(process.env.BENCH_FINALS ?? 100);

const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const print = (line: string) => process.stdout.write(`${line}\n`);

async function until(db: { pool: import('pg').Pool }, channel: string): Promise<void> {
  for (;;) {
    const { rows } = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox_messages WHERE "channelType" = $1 AND status IN ('queued', 'sending')`, [channel]);
    if (rows[0]?.n === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function main(): Promise<void> {
  const logger = createLogger('warn');
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vestnik-bench-notify-'));
  const server = await openEmbeddedPostgres(dataDir, logger);
  const db = connectDatabase(server.url, { poolSize: 12 });
  try {
    await applyMigrations(db.pool, logger);
    const started = performance.now();
    await seedNotifyBench(db.pool, GUARDIANS, MARKS);
    print(`seed: ${GUARDIANS} guardians, ${GUARDIANS * MARKS} marks in ${((performance.now() - started) / 1000).toFixed(1)} s; peak RSS so far ${peakRssMb()} MB`);

    if (PARTS.includes('a')) await digestPart(db);
    if (PARTS.includes('b')) await chatDispatchPart(db.pool, { rate: RATE, seconds: TELEGRAM_SECONDS, hangFraction: HANG_FRACTION, print });
    if (PARTS.includes('c')) await emailPart(db, dataDir);
    // Loaded only now: the web and worker modules would otherwise weigh on (a)'s peak RSS.
    if (PARTS.includes('d')) await (await import('./notify-final-latency.js')).finalLatencyPart(db, { finals: FINALS, spacingMs: 200, backlog: Math.min(GUARDIANS, 6000), dataDir, print });
  } finally {
    await db.close();
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

type Db = ReturnType<typeof connectDatabase>;

/** Targets of (a): 100,000 digests in under 20 s and 300 MB, and time per digest flat from 10,000. */
const DIGEST_TARGET = { seconds: 20, rssMb: 300, flat: 1.2 };

async function digestPart(db: Db): Promise<void> {
  const sizes = [10_000, 30_000, 100_000].filter((n) => n <= GUARDIANS);
  if (!sizes.includes(GUARDIANS)) sizes.push(GUARDIANS);
  const runs: Array<{ due: number; digests: number; seconds: number; usPerDigest: number; rss: number }> = [];
  for (const due of sizes) {
    // The first `due` guardians are due, the rest not: the same school, the same digests.
    await db.pool.query('TRUNCATE outbox_messages CASCADE');
    await db.pool.query(
      `UPDATE notification_preferences p SET "lastDigestAt" = now() - interval '7 days',
              "nextDigestAt" = CASE WHEN g.n <= $1 THEN now() - interval '1 minute' ELSE now() + interval '3 days' END
         FROM (SELECT id, substr(phone, 2)::int AS n FROM guardians) g WHERE g.id = p."guardianId"`,
      [due],
    );
    await db.pool.query('VACUUM ANALYZE notification_preferences');
    await db.pool.query('VACUUM ANALYZE outbox_messages');
    const started = performance.now();
    const result = await runDigests(db.pool, { schoolId: SCHOOL_ID, batchSize: 500 });
    const seconds = (performance.now() - started) / 1000;
    runs.push({ due, digests: result.digests, seconds, usPerDigest: (seconds * 1e6) / result.digests, rss: peakRssMb() });
  }
  await db.pool.query('TRUNCATE outbox_messages CASCADE');
  print(`(a) digests of one school of ${GUARDIANS} guardians (${MARKS} marks each), with the first N of them due`);
  print('    due        digests   seconds   µs/digest   peak RSS MB');
  for (const r of runs) print(`    ${String(r.due).padEnd(9)}  ${String(r.digests).padStart(7)}   ${r.seconds.toFixed(1).padStart(7)}   ${r.usPerDigest.toFixed(0).padStart(9)}   ${String(r.rss).padStart(11)}`);
  const base = runs[0]!;
  const last = runs.at(-1)!;
  const flat = last.usPerDigest / base.usPerDigest;
  const pass = last.due >= 100_000 && last.seconds < DIGEST_TARGET.seconds && last.rss < DIGEST_TARGET.rssMb && flat <= DIGEST_TARGET.flat;
  print(`    ${last.due} in ${last.seconds.toFixed(1)} s (target < ${DIGEST_TARGET.seconds} s), peak RSS ${last.rss} MB (target < ${DIGEST_TARGET.rssMb} MB), µs/digest ${last.due} ÷ ${base.due} = ${flat.toFixed(2)} (target ≤ ${DIGEST_TARGET.flat}) — ${pass ? 'PASS' : 'FAIL'}`);
}

/** Email as one worker sends it: the worker's pool, lanes and rate booking, at EMAIL_RATE. */
async function emailPart(db: Db, dataDir: string): Promise<void> {
  let received = 0;
  const smtp = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS'], logger: false, onData(stream, _s, cb) { stream.resume(); stream.on('end', () => { received += 1; cb(); }); } });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const url = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  await queueMessages(db.pool, EMAILS, 'email');
  const settings = emailPoolOptions(EMAIL_RATE);
  const mailer = createMailer({ smtpUrl: url, mailFrom: 'Vestnik <v@school.test>', dataDir }, settings.mailer);
  const sender = createEmailSender({ mailer, publicUrl: 'http://vestnik.test', secret: 'bench-secret-0123456789', pool: db.pool, perSecond: EMAIL_RATE });
  const mail = createDispatcher({ pool: db.pool, sender, workerId: 'bench', ...settings.dispatcher });
  const started = performance.now();
  mail.start();
  await until(db, 'email');
  await mail.stop();
  const mailSeconds = (performance.now() - started) / 1000;
  mailer.close();
  const ratio = received / mailSeconds / EMAIL_RATE;
  print(`(c) email, one worker at EMAIL_RATE=${EMAIL_RATE}/s (${settings.mailer.pool.maxConnections} SMTP connections, ${settings.dispatcher.concurrency} lanes, as the worker): ${received} messages in ${mailSeconds.toFixed(1)} s = ${(received / mailSeconds).toFixed(1)}/s; rate ÷ configured ${ratio.toFixed(3)} (target ≤ 1.0, ≥ 0.9) — ${ratio <= 1.0 && ratio >= 0.9 && received === EMAILS ? 'PASS' : 'FAIL'}`);
  await sharedEmailRate(db, url, dataDir);
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
}

/** Two workers (as two processes would) under one EMAIL_RATE: together they keep to it. */
async function sharedEmailRate(db: Db, url: string, dataDir: string): Promise<void> {
  const count = EMAIL_RATE * 10;
  await db.pool.query(`DELETE FROM outbox_messages WHERE "channelType" = 'email'`);
  await queueMessages(db.pool, count, 'email');
  const settings = emailPoolOptions(EMAIL_RATE);
  const workers = [1, 2].map((n) => {
    const mailer = createMailer({ smtpUrl: url, mailFrom: 'Vestnik <v@school.test>', dataDir }, settings.mailer);
    const sender = createEmailSender({ mailer, publicUrl: 'http://vestnik.test', secret: 'bench-secret-0123456789', pool: db.pool, perSecond: EMAIL_RATE });
    return { mailer, dispatcher: createDispatcher({ pool: db.pool, sender, workerId: `bench-${n}`, ...settings.dispatcher }) };
  });
  const started = performance.now();
  for (const w of workers) w.dispatcher.start();
  await until(db, 'email');
  await Promise.all(workers.map((w) => w.dispatcher.stop()));
  const seconds = (performance.now() - started) / 1000;
  for (const w of workers) w.mailer.close();
  const ratio = count / seconds / EMAIL_RATE;
  print(`(c) email, 2 workers sharing EMAIL_RATE=${EMAIL_RATE}/s: ${count} messages in ${seconds.toFixed(1)} s = ${(count / seconds).toFixed(1)}/s; rate ÷ configured ${ratio.toFixed(3)} (target ≤ 1.0, ≥ 0.9) — ${ratio <= 1.0 && ratio >= 0.9 ? 'PASS' : 'FAIL'}`);
}

await main();
