// Notification pipeline benchmark:
//  (a) digests for many guardians (~40 marks each): load + compose + queue, digests/s, peak RSS;
//  (b) Telegram and MAX dispatch side by side, each against its fake Bot API enforcing RATE/s for the bot (strict sliding window;
//      Telegram also 1/s per chat), the same messages at the same rate, then with hung requests (bench/notify-chat.ts);
//  (c) email through pooled SMTP to a local server;
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
import { runDigests } from '../src/modules/notifications/run-digests.js';
import { chatDispatchPart } from './notify-chat.js';
import { queueMessages, SCHOOL_ID, seedNotifyBench } from './notify-seed.js';

const GUARDIANS = Number(process.env.BENCH_GUARDIANS ?? 100_000);
const MARKS = Number(process.env.BENCH_MARKS ?? 40);
const TELEGRAM_SECONDS = Number(process.env.BENCH_TELEGRAM_SECONDS ?? 30);
const EMAILS = Number(process.env.BENCH_EMAILS ?? 2000);
/** The configured Telegram and MAX rate, which each fake enforces as a strict one-second sliding window. */
const RATE = Number(process.env.RATE ?? 30);
/** The deployment-wide email rate that two workers share in (c). */
const EMAIL_RATE = Number(process.env.EMAIL_RATE ?? 20);
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
    print(`seed: ${GUARDIANS} guardians, ${GUARDIANS * MARKS} marks in ${((performance.now() - started) / 1000).toFixed(1)} s`);

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

async function digestPart(db: Db): Promise<void> {
  const rssBefore = peakRssMb();
  const started = performance.now();
  const result = await runDigests(db.pool, { schoolId: SCHOOL_ID, batchSize: 500 });
  const seconds = (performance.now() - started) / 1000;
  print(`(a) digests: ${result.digests} digests (${result.messages} outbox rows) in ${seconds.toFixed(1)} s = ${Math.round(result.digests / seconds)} digests/s; peak RSS ${peakRssMb()} MB (${rssBefore} MB before) — targets < 60 s, < 512 MB`);
  await db.pool.query('TRUNCATE outbox_messages CASCADE');
}

async function emailPart(db: Db, dataDir: string): Promise<void> {
  let received = 0;
  const smtp = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS'], logger: false, onData(stream, _s, cb) { stream.resume(); stream.on('end', () => { received += 1; cb(); }); } });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const url = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  await queueMessages(db.pool, EMAILS, 'email');
  const mailer = createMailer({ smtpUrl: url, mailFrom: 'Vestnik <v@school.test>', dataDir }, { pool: { maxConnections: 5, messagesPerSecond: 100_000 } });
  const mail = createDispatcher({ pool: db.pool, sender: createEmailSender({ mailer, publicUrl: 'http://vestnik.test', secret: 'bench-secret-0123456789' }), workerId: 'bench', concurrency: 10, batchSize: 200 });
  const started = performance.now();
  mail.start();
  await until(db, 'email');
  await mail.stop();
  const mailSeconds = (performance.now() - started) / 1000;
  print(`(c) email: ${received} messages in ${mailSeconds.toFixed(1)} s = ${Math.round(received / mailSeconds)} messages/s (pooled SMTP, 5 connections, local server)`);
  mailer.close();
  await sharedEmailRate(db, url, dataDir);
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
}

/** Two workers (as two processes would) under one EMAIL_RATE: together they keep to it. */
async function sharedEmailRate(db: Db, url: string, dataDir: string): Promise<void> {
  const count = EMAIL_RATE * 10;
  await db.pool.query(`DELETE FROM outbox_messages WHERE "channelType" = 'email'`);
  await queueMessages(db.pool, count, 'email');
  const workers = [1, 2].map((n) => {
    const mailer = createMailer({ smtpUrl: url, mailFrom: 'Vestnik <v@school.test>', dataDir }, { pool: { maxConnections: 4, messagesPerSecond: EMAIL_RATE } });
    const sender = createEmailSender({ mailer, publicUrl: 'http://vestnik.test', secret: 'bench-secret-0123456789', pool: db.pool, perSecond: EMAIL_RATE });
    return { mailer, dispatcher: createDispatcher({ pool: db.pool, sender, workerId: `bench-${n}`, concurrency: 4, batchSize: 50 }) };
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
