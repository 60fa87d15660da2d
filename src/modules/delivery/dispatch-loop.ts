// A long-running dispatch loop per channel sender. Not one Agenda job per message: a job
// scheduler's throughput is far below Telegram's 30 messages/s. Claimed rows wait in a
// small local queue that is refilled before it runs dry, so sending never pauses for a
// claim; a message whose chat is still in its one-second pause waits while others go.
import type pg from 'pg';
import type { Logger } from '../../lib/logger.js';
import { claimOutbox } from './claim-outbox.js';
import { backoffMs, markSent, scheduleRetry } from './complete-outbox.js';
import { fallBack } from './fall-back.js';
import type { ChannelSender, ClaimedMessage, SendOutcome } from './types.js';

export interface DispatcherOptions {
  pool: pg.Pool;
  sender: ChannelSender;
  workerId: string;
  batchSize?: number;
  concurrency?: number;
  /** A claimed row not finished within this time is claimed again by any worker. */
  leaseMs?: number;
  idleMs?: number;
  /** Temporary failures before the message moves to the next channel. */
  maxAttempts?: number;
  /**
   * Telegram's limits are per bot, so by default one process at a time sends to it:
   * the holder of this advisory lock. Others wait and take over if it dies.
   */
  exclusiveLockKey?: number;
  logger?: Logger;
}

export interface Dispatcher {
  start(): void;
  stop(): Promise<void>;
  /** Claims one batch and sends all of it; returns how many rows it handled. For tests and tools. */
  runOnce(): Promise<number>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const batchSize = options.batchSize ?? 100;
  const concurrency = options.concurrency ?? 16;
  const leaseMs = options.leaseMs ?? 120_000;
  const maxAttempts = options.maxAttempts ?? 8;
  const idleMs = options.idleMs ?? 500;
  const queue: ClaimedMessage[] = [];
  let running = false;
  let loop: Promise<void> | undefined;
  let lockClient: pg.PoolClient | undefined;
  let forgetLockClient: () => void = () => undefined;

  async function apply(message: ClaimedMessage, outcome: SendOutcome): Promise<void> {
    if (outcome.kind === 'sent') return markSent(options.pool, message.id, outcome.providerId);
    if (outcome.kind === 'retry') {
      if (outcome.countAttempt && message.attempts >= maxAttempts) {
        await fallBack(options.pool, message.id, `gave up after ${message.attempts} attempts: ${outcome.error}`, false);
        return;
      }
      const wait = outcome.afterMs ?? backoffMs(message.attempts);
      return scheduleRetry(options.pool, message.id, new Date(Date.now() + wait), outcome.error, outcome.countAttempt);
    }
    await fallBack(options.pool, message.id, outcome.error, outcome.deactivateChannel);
  }

  async function handle(message: ClaimedMessage): Promise<void> {
    let outcome: SendOutcome;
    try {
      outcome = await options.sender.send(message);
    } catch (error) {
      outcome = { kind: 'retry', error: error instanceof Error ? error.message : String(error), countAttempt: true };
    }
    if (outcome.kind !== 'sent') options.logger?.warn({ messageId: message.id, outcome }, 'message not sent');
    await apply(message, outcome);
  }

  /** The first queued message that can go now, or how long until one can. */
  function take(): ClaimedMessage | number | undefined {
    if (queue.length === 0) return undefined;
    if (!options.sender.readyIn) return queue.shift();
    let soonest = Infinity;
    for (let i = 0; i < queue.length; i += 1) {
      const wait = options.sender.readyIn(queue[i] as ClaimedMessage);
      if (wait === 0) return queue.splice(i, 1)[0];
      soonest = Math.min(soonest, wait);
    }
    return Math.min(soonest, 50);
  }

  async function claim(limit: number): Promise<number> {
    const rows = await claimOutbox(options.pool, { channelTypes: options.sender.channelTypes, limit, workerId: options.workerId, leaseMs });
    // Final grades overtake ordinary messages already waiting in the local queue too.
    for (const row of rows) {
      const at = row.critical ? queue.findIndex((queued) => !queued.critical) : -1;
      if (at === -1) queue.push(row);
      else queue.splice(at, 0, row);
    }
    return rows.length;
  }

  /** Lanes send from the local queue; `refill` keeps it stocked while the loop runs. */
  async function drain(refill: boolean): Promise<void> {
    let claiming: Promise<unknown> | undefined;
    let exhausted = false;
    const lane = async () => {
      for (;;) {
        if (refill && running && !claiming && !exhausted && queue.length < batchSize / 2) {
          claiming = claim(batchSize - queue.length)
            .then((n) => {
              exhausted = n === 0;
            })
            .finally(() => {
              claiming = undefined;
            });
        }
        if (refill && !running) return;
        const next = take();
        if (typeof next === 'object') {
          await handle(next);
          continue;
        }
        if (next === undefined) {
          if (claiming) {
            await claiming;
            continue;
          }
          return;
        }
        await sleep(next);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, lane));
  }

  async function releaseQueued(): Promise<void> {
    // Stopping: hand unsent rows back at once instead of leaving them to the lease.
    for (const message of queue.splice(0)) await scheduleRetry(options.pool, message.id, new Date(), 'released on shutdown', false);
  }

  async function holdsLock(): Promise<boolean> {
    if (options.exclusiveLockKey === undefined || lockClient) return true;
    const client = await options.pool.connect();
    const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [options.exclusiveLockKey]);
    if (rows[0]?.ok) {
      lockClient = client;
      // A checked-out client has no error listener, so a lost connection would crash the
      // process; the lock went with the session, so forget it and compete for it again.
      const onLost = (error: Error) => {
        // One loss can be reported twice (the server's notice, then the socket's end).
        if (lockClient !== client) return;
        options.logger?.warn({ err: error }, 'lost the sender lock connection');
        lockClient = undefined;
        client.release(error);
      };
      client.on('error', onLost);
      forgetLockClient = () => client.off('error', onLost);
      return true;
    }
    client.release();
    return false;
  }

  async function run(): Promise<void> {
    while (running) {
      try {
        if (!(await holdsLock())) {
          await sleep(idleMs * 2);
          continue;
        }
        if ((await claim(batchSize)) === 0) {
          await sleep(idleMs);
          continue;
        }
        await drain(true);
      } catch (error) {
        options.logger?.error({ err: error }, 'dispatch loop error');
        await sleep(1000);
      }
    }
    await releaseQueued().catch((error) => options.logger?.error({ err: error }, 'could not release claimed messages'));
  }

  return {
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    async stop() {
      running = false;
      await loop;
      loop = undefined;
      const client = lockClient;
      if (client) {
        await client.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
        if (lockClient === client) {
          lockClient = undefined;
          forgetLockClient();
          client.release();
        }
      }
    },
    async runOnce() {
      const count = await claim(batchSize);
      await drain(false);
      return count;
    },
  };
}
