// Fault scenarios on the chat side and of the worker processes themselves. The ones that
// take a ChatKind run for Telegram and for MAX alike (bench/faults/chat.ts); the rest are
// about the worker processes and run over Telegram.
import { faults } from '../../test/support/fake-telegram.js';
import type { Cluster } from '../../test/support/postgres-cluster.js';
import type { ChatKind } from './chat.js';
import { countDeliveries, createStage, sessionName, sleep, waitUntilDone, type Stage } from './harness.js';
import { queueFinals, seedFamilies, type Families } from './seed.js';
import type { Outcome } from './outcome.js';

const FAST = 100;

async function finals(stage: Stage, count: number, firstChat: number, email: 'none' | 'enabled' | 'verified-only' = 'none'): Promise<Families> {
  const families = await seedFamilies(stage.pool, { count, firstChat, telegram: true, email, chat: stage.chat.kind });
  stage.chat.reach(firstChat, count);
  await queueFinals(stage.pool, families, 'faults');
  return families;
}

function deliveredCount(stage: Stage): number {
  return stage.chat.delivered().length;
}

/** "the sender" → "the MAX sender" on a MAX stage. */
const on = (kind: ChatKind, text: string) => (kind === 'max' ? `MAX: ${text}` : text);

async function untilDelivered(stage: Stage, n: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (deliveredCount(stage) < n && Date.now() < deadline) await sleep(50);
}

async function finish(stage: Stage, families: Families, base: Omit<Outcome, 'expected' | 'delivered' | 'lost' | 'duplicated' | 'exits'>, timeoutMs = 120_000): Promise<Outcome> {
  const tail = await waitUntilDone(stage, families, timeoutMs);
  const count = await countDeliveries(stage, families);
  const exits = stage.workers.filter((w) => w.exit?.unexpected).length;
  return { ...base, ...count, exits, recoverSeconds: base.recoverSeconds ?? tail };
}

/** kill -9 of the sending worker with a second one standing by: its claimed rows move over. */
export async function killNine(cluster: Cluster, chat: ChatKind = 'telegram'): Promise<Outcome> {
  const stage = await createStage(cluster, { ratePerSecond: 30, chat });
  try {
    const families = await finals(stage, 600, 10_000_000);
    const first = await stage.startWorker('a');
    await untilDelivered(stage, 100);
    await stage.startWorker('b');
    await sleep(3000);
    const { rows } = await stage.pool.query<{ id: string }>(`SELECT id FROM outbox_messages WHERE status = 'sending' AND "claimedBy" LIKE $1`, [`%${first.pid}%`]);
    const held = rows.map((r) => r.id);
    const killedAt = performance.now();
    await first.kill9();
    // Time until every row the dead worker held is sent by the other one.
    let takeover = Number.POSITIVE_INFINITY;
    while (performance.now() - killedAt < 60_000) {
      const { rows: left } = await stage.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox_messages WHERE id = ANY($1::uuid[]) AND status <> 'sent'`, [held]);
      if (left[0]?.n === 0) {
        takeover = (performance.now() - killedAt) / 1000;
        break;
      }
      await sleep(100);
    }
    return await finish(stage, families, { scenario: chat === 'max' ? 'kill -9 of the MAX sender' : 'kill -9 of the sender', db: cluster.kind, allowedDuplicates: held.length, recoverSeconds: takeover, note: `${held.length} rows held at kill` });
  } finally {
    await stage.close();
  }
}

/** Two workers on one database: one sender at a time, nothing twice. */
export async function twoWorkers(cluster: Cluster): Promise<Outcome> {
  const stage = await createStage(cluster, { ratePerSecond: FAST });
  try {
    const families = await finals(stage, 1500, 20_000_000);
    await Promise.all([stage.startWorker('a'), stage.startWorker('b')]);
    return await finish(stage, families, { scenario: 'two workers', db: cluster.kind, allowedDuplicates: 0, recoverSeconds: null, note: `${stage.telegram.stats.tooManyRequests} × 429` });
  } finally {
    await stage.close();
  }
}

/** PostgreSQL stops for 15 s in the middle of sending, then comes back. */
export async function databaseRestart(cluster: Cluster, chat: ChatKind = 'telegram'): Promise<Outcome> {
  const stage = await createStage(cluster, { ratePerSecond: 30, chat });
  try {
    const families = await finals(stage, 900, 30_000_000);
    await stage.startWorker('a');
    await stage.startWorker('b');
    await untilDelivered(stage, 150);
    const { rows } = await stage.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox_messages WHERE status = 'sending'`);
    await cluster.stop();
    await sleep(15_000);
    await cluster.start();
    const back = performance.now();
    // Every answer arrived; only recording it waited for the database: nothing may repeat.
    const outcome = await finish(stage, families, { scenario: on(chat, 'PostgreSQL down 15 s'), db: cluster.kind, allowedDuplicates: 0, recoverSeconds: null, note: `${rows[0]?.n ?? 0} rows being sent when it stopped` });
    return { ...outcome, recoverSeconds: (performance.now() - back) / 1000 };
  } finally {
    await stage.close();
  }
}

/** Every send answers 429 for 30 s (Telegram: retry_after 15 s, longer than a lease; MAX gives no retry-after). */
export async function tooManyRequestsStorm(cluster: Cluster, chat: ChatKind = 'telegram'): Promise<Outcome> {
  const stage = await createStage(cluster, { ratePerSecond: 30, chat });
  try {
    const families = await finals(stage, 40, 40_000_000);
    const storm = stage.chat.storm();
    await stage.startWorker('a');
    await sleep(30_000);
    storm.remove();
    const ended = performance.now();
    const outcome = await finish(stage, families, { scenario: chat === 'max' ? 'MAX: 429 storm, 30 s' : '429 storm, retry_after 15 s', db: cluster.kind, allowedDuplicates: 0, recoverSeconds: null, note: `${storm.hits()} × 429 during the storm, ${stage.chat.tooManyRequests()} over the rate` });
    return { ...outcome, recoverSeconds: (performance.now() - ended) / 1000 };
  } finally {
    await stage.close();
  }
}

/** 20 % of sends answer 5xx, 5 % of parents have stopped the bot (403 → email, else paper). */
export async function serverErrorsAndBlocks(cluster: Cluster, chat: ChatKind = 'telegram'): Promise<Outcome> {
  const stage = await createStage(cluster, { ratePerSecond: FAST, chat });
  try {
    const families = await finals(stage, 400, 50_000_000, 'verified-only');
    for (let i = 1; i <= families.count; i += 20) stage.chat.block(families.firstChat + i);
    const errors = stage.chat.serverErrors(80);
    await stage.startWorker('a');
    const outcome = await finish(stage, families, { scenario: on(chat, chat === 'max' ? '503s and stopped bots' : '500s and 403s'), db: cluster.kind, allowedDuplicates: 0, recoverSeconds: null });
    return { ...outcome, note: `${errors.hits()} × 5xx, ${Math.ceil(families.count / 20)} blocked → email` };
  } finally {
    await stage.close();
  }
}

/** 2 % of sends hang for 60 s (the messenger still delivers them): the only duplicates allowed. */
export async function hangs(cluster: Cluster, chat: ChatKind = 'telegram'): Promise<Outcome> {
  const stage = await createStage(cluster, { ratePerSecond: FAST, chat });
  try {
    const families = await finals(stage, 1000, 60_000_000);
    const hung: number[] = [];
    for (let i = 1; i <= families.count; i += 50) {
      stage.chat.delay(families.firstChat + i, 60_000);
      hung.push(i);
    }
    await stage.startWorker('a');
    const started = performance.now();
    const outcome = await finish(stage, families, { scenario: on(chat, '2 % of requests hang'), db: cluster.kind, allowedDuplicates: hung.length, recoverSeconds: null });
    const seconds = (performance.now() - started) / 1000;
    // Without hangs the job takes count / rate; each hung row may wait out one send timeout
    // (about 10 s) before it is retried, but must never hold a lane for longer.
    const ideal = families.count / FAST;
    return { ...outcome, seconds, secondsTarget: Math.round(ideal * 1.5 + 15), note: `all sent in ${seconds.toFixed(1)} s (${families.count} at ${FAST}/s: ${ideal} s without hangs)` };
  } finally {
    await stage.close();
  }
}

/** SIGTERM while requests hang: the stop completes within seconds, the next worker finishes. */
export async function gracefulStop(cluster: Cluster): Promise<Outcome> {
  const stage = await createStage(cluster, { ratePerSecond: 30 });
  try {
    const families = await finals(stage, 300, 70_000_000);
    for (let i = 1; i <= 30; i += 3) stage.telegram.addFault({ method: 'sendMessage', chatId: families.firstChat + 40 + i, times: 1, fault: faults.delay(60_000) });
    const first = await stage.startWorker('a');
    await untilDelivered(stage, 60);
    const stopSeconds = await first.stop();
    await stage.startWorker('b');
    const outcome = await finish(stage, families, { scenario: 'SIGTERM while sending', db: cluster.kind, allowedDuplicates: 10, recoverSeconds: null });
    return { ...outcome, stopSeconds, note: `stop took ${stopSeconds.toFixed(1)} s` };
  } finally {
    await stage.close();
  }
}

/** The sender's database sessions are terminated: it stops, the other worker takes over. */
export async function senderSessionLost(cluster: Cluster): Promise<Outcome> {
  const stage = await createStage(cluster, { ratePerSecond: 30 });
  try {
    const families = await finals(stage, 900, 80_000_000);
    const first = await stage.startWorker('a');
    await untilDelivered(stage, 60);
    await stage.startWorker('b');
    await sleep(3000);
    const before = stage.telegram.stats.tooManyRequests;
    const { rows } = await stage.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox_messages WHERE status = 'sending'`);
    // Every session of the sending worker, its sender-lock session among them.
    await stage.pool.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`, [sessionName(first.name)]);
    const outcome = await finish(stage, families, { scenario: 'sender lock session lost', db: cluster.kind, allowedDuplicates: rows[0]?.n ?? 0, recoverSeconds: null });
    // Two senders at once would overrun the bot's limit: the fake's 429s show it.
    const tooMany = stage.telegram.stats.tooManyRequests - before;
    return { ...outcome, tooMany, note: `${tooMany} × 429 after the loss` };
  } finally {
    await stage.close();
  }
}

/** Pacing against a strict one-second sliding window: rate reached and 429s drawn. */
export async function pacing(cluster: Cluster, rate = 30, chat: ChatKind = 'telegram'): Promise<Outcome> {
  const stage = await createStage(cluster, { ratePerSecond: rate, chat });
  try {
    const families = await finals(stage, rate * 30, 90_000_000);
    await stage.startWorker('a');
    const outcome = await finish(stage, families, { scenario: on(chat, `pacing at ${rate}/s`), db: cluster.kind, allowedDuplicates: 0, recoverSeconds: null });
    const times = stage.chat.delivered().map((m) => m.at).sort((a, b) => a - b);
    // Messages in whole seconds of the steady part (the first second is start-up): a count
    // over a window of W seconds is right both for even spacing and for one burst a second.
    const from = times[0]! + 1000;
    const seconds = Math.floor((times.at(-1)! - from) / 1000);
    const achieved = times.filter((t) => t >= from && t < from + seconds * 1000).length / seconds;
    const tooMany = stage.chat.tooManyRequests();
    return { ...outcome, pacing: achieved / rate, tooMany, note: `${achieved.toFixed(1)}/s of ${rate}/s, ${tooMany} × 429` };
  } finally {
    await stage.close();
  }
}
