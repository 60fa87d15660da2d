// What every fault scenario shares: a fresh migrated database, the fakes (a chat
// messenger's Bot API — Telegram's or MAX's — and SMTP),
// real worker processes (`vestnik start --role worker`), and the delivery count per guardian.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { applyMigrations } from '../../src/db/migrate.js';
import { createLogger } from '../../src/lib/logger.js';
import type { FakeTelegram } from '../../test/support/fake-telegram.js';
import type { Cluster } from '../../test/support/postgres-cluster.js';
import { createStageChat, type ChatKind, type StageChat } from './chat.js';
import { emailOf, type Families } from './seed.js';
import { startFaultSmtp, type FaultSmtp } from './smtp.js';

const BIN = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../bin/vestnik.js');
const SECRET = 'faults-secret-0123456789abcdef';
/** Marks the bench's own sessions. */
const BENCH_APP = 'vestnik-faults-bench';

export interface Worker {
  name: string;
  pid: number;
  child: ChildProcess;
  /** Set when the process ended; `unexpected` when the bench did not ask it to stop. */
  exit: { code: number | null; signal: NodeJS.Signals | null; unexpected: boolean } | undefined;
  stderr: () => string;
  /** SIGTERM and wait: seconds until the process had exited. */
  stop(): Promise<number>;
  kill9(): Promise<void>;
}

export interface Stage {
  cluster: Cluster;
  url: string;
  pool: pg.Pool;
  /** The messenger this stage sends to. */
  chat: StageChat;
  /** Telegram's fake (a Telegram stage only), for the scenarios that are Telegram's alone. */
  telegram: FakeTelegram;
  smtp: FaultSmtp;
  workers: Worker[];
  startWorker(name: string, env?: Record<string, string>): Promise<Worker>;
  close(): Promise<void>;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

let databases = 0;

export async function createStage(cluster: Cluster, options: { ratePerSecond: number; perChatPerSecond?: number; chat?: ChatKind }): Promise<Stage> {
  const name = `faults_${process.pid}_${(databases += 1)}`;
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = cluster.url.replace(/\/[^/]*$/, `/${name}`);
  const pool = new pg.Pool({ connectionString: url, max: 4, application_name: BENCH_APP });
  // The bench's own connections survive a server restart: the pool reconnects.
  pool.on('error', () => undefined);
  await applyMigrations(pool, createLogger('warn'));
  const chat = await createStageChat(options.chat ?? 'telegram', options);
  const smtp = await startFaultSmtp();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vestnik-faults-data-'));
  const workers: Worker[] = [];
  const stage: Stage = {
    cluster,
    url,
    pool,
    chat,
    telegram: chat.telegram as FakeTelegram,
    smtp,
    workers,
    async startWorker(workerName, env = {}) {
      const worker = spawnWorker(workerName, {
        // Its sessions carry its name, so a scenario can find (and terminate) them.
        DATABASE_URL: `${url}?application_name=${sessionName(workerName)}`,
        VESTNIK_DATA_DIR: dataDir,
        VESTNIK_SECRET: SECRET,
        ...chat.env(options.ratePerSecond),
        SMTP_URL: smtp.url,
        LOG_LEVEL: 'warn',
        ...env,
      });
      workers.push(worker);
      await waitForWorker(pool, worker, sessionName(workerName));
      return worker;
    },
    async close() {
      await Promise.all(workers.filter((w) => !w.exit).map((w) => w.stop()));
      await chat.close();
      await smtp.close();
      await pool.end();
      const cleanup = new pg.Client({ connectionString: cluster.url });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
  return stage;
}

function spawnWorker(name: string, env: Record<string, string>): Worker {
  const child = spawn(process.execPath, [BIN, 'start', '--role', 'worker'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, VESTNIK_LANG: 'en', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-20_000)));
  let stopping = false;
  const exited = new Promise<void>((resolve) =>
    child.on('exit', (code, signal) => {
      worker.exit = { code, signal, unexpected: !stopping };
      resolve();
    }),
  );
  const worker: Worker = {
    name,
    pid: child.pid ?? 0,
    child,
    exit: undefined,
    stderr: () => stderr,
    async stop() {
      if (worker.exit) return 0;
      stopping = true;
      const started = performance.now();
      child.kill('SIGTERM');
      await exited;
      return (performance.now() - started) / 1000;
    },
    async kill9() {
      stopping = true;
      child.kill('SIGKILL');
      await exited;
    },
  };
  return worker;
}

/** A worker is up once it has a session on the database (or it died trying). */
export const sessionName = (workerName: string): string => `vestnik-faults-${workerName}`;

async function waitForWorker(pool: pg.Pool, worker: Worker, session: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && !worker.exit) {
    const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`, [session]).catch(() => ({ rows: [{ n: 0 }] }));
    if ((rows[0]?.n ?? 0) > 0) return;
    await sleep(100);
  }
  if (worker.exit) throw new Error(`worker ${worker.name} exited at start:\n${worker.stderr()}`);
}

export interface Count {
  expected: number;
  delivered: number;
  lost: number;
  duplicated: number;
}

/** Deliveries per guardian over every channel: chat, email, and paper rows awaiting print. */
export async function countDeliveries(stage: Stage, families: Families): Promise<Count> {
  const perGuardian = new Array<number>(families.count + 1).fill(0);
  for (const message of stage.chat.delivered()) {
    const i = message.address - families.firstChat;
    if (i >= 1 && i <= families.count) perGuardian[i]! += 1;
  }
  for (let i = 1; i <= families.count; i += 1) perGuardian[i]! += stage.smtp.delivered.get(emailOf(i)) ?? 0;
  const { rows } = await stage.pool.query<{ i: number }>(
    `SELECT substring(g."fullName" from 10)::int AS i FROM outbox_messages o JOIN guardians g ON g.id = o."guardianId"
      WHERE o."channelType" = 'paper' AND o.status IN ('queued', 'sent') AND g."schoolId" = $1`,
    [families.schoolId],
  );
  for (const row of rows) perGuardian[row.i]! += 1;
  const counts = perGuardian.slice(1);
  return {
    expected: families.count,
    delivered: counts.filter((n) => n > 0).length,
    lost: counts.filter((n) => n === 0).length,
    duplicated: counts.reduce((sum, n) => sum + Math.max(0, n - 1), 0),
  };
}

/** Waits until nothing is left to send, or the timeout; returns the seconds it took. */
export async function waitUntilDone(stage: Stage, families: Families, timeoutMs: number): Promise<number> {
  const started = performance.now();
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { rows } = await stage.pool
      .query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox_messages WHERE "schoolId" = $1 AND "channelType" <> 'paper' AND status IN ('queued', 'sending')`, [families.schoolId])
      .catch(() => ({ rows: [{ n: -1 }] }));
    if (rows[0]?.n === 0) return (performance.now() - started) / 1000;
    await sleep(200);
  }
  return Number.POSITIVE_INFINITY;
}
