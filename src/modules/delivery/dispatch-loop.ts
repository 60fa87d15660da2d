// A long-running dispatch loop per channel sender. Not one Agenda job per message: a job
// scheduler's throughput is far below Telegram's 30 messages/s. Claimed rows wait in a
// small local queue that is refilled before it runs dry, so sending never pauses for a
// claim; a message whose chat is still in its one-second pause waits while others go.
// A heartbeat renews the short leases of the rows held (and the sender lease), so a
// dead worker's rows are taken over within one lease, while a live one keeps what it waits on.
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type pg from 'pg';
import { createGroupBatcher } from '../../lib/create-group-batcher.js';
import type { Logger } from '../../lib/logger.js';
import { markSentMany } from './complete-outbox.js';
import { claimOutbox } from './claim-outbox.js';
import { createHeldClaims } from './held-claims.js';
import { recordOutcome } from './record-outcome.js';
import { createSenderLease, type SenderLease } from './sender-lease.js';
import type { ChannelSender, ClaimedMessage, ClaimRef, SendOutcome } from './types.js';

export interface DispatcherOptions {
  pool: pg.Pool;
  sender: ChannelSender;
  workerId: string;
  batchSize?: number;
  concurrency?: number;
  /** Rows (and the sender lease) not renewed within this time are taken over by any worker. */
  leaseMs?: number;
  /** How often held rows and the sender lease are renewed; a fifth of the lease by default. */
  heartbeatMs?: number;
  /** A queued row whose chat cannot take it for longer than this is handed back. */
  handBackAfterMs?: number;
  idleMs?: number;
  /** stop() lets sends under way finish for this long, then tells the sender to give up. */
  stopGraceMs?: number;
  /** Temporary failures before the message moves to the next channel. */
  maxAttempts?: number;
  /**
   * Telegram's limits are per bot, so by default one process at a time sends to it: the
   * holder of the sender lease of this name. Others wait and take over if it dies.
   */
  exclusiveLease?: string;
  /**
   * A lease someone else takes and renews (a worker's share of the bots): the dispatcher sends
   * only while it holds, and stops when `lost` aborts; it never takes or releases it itself.
   */
  heldLease?: { lease: SenderLease; lost: AbortSignal };
  /** Only this bot's rows: the bot whose lease this dispatcher sends under. */
  botId?: string;
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
  const { pool, sender, logger } = options;
  const batchSize = options.batchSize ?? 100;
  const concurrency = options.concurrency ?? 16;
  const leaseMs = options.leaseMs ?? 10_000;
  const heartbeatMs = options.heartbeatMs ?? Math.max(20, Math.round(leaseMs / 5));
  const handBackAfterMs = options.handBackAfterMs ?? leaseMs;
  const maxAttempts = options.maxAttempts ?? 8;
  const idleMs = options.idleMs ?? 500;
  // An answered send takes well under a second; one still open after 2 s is hung and gives up.
  const stopGraceMs = options.stopGraceMs ?? 2000;
  const held = createHeldClaims(pool, leaseMs);
  // Sends are recorded together: a batch of outcomes is one commit, not one per message.
  const sent = createGroupBatcher((sends: Array<{ claim: ClaimRef; providerId: string | undefined }>) => markSentMany(pool, sends));
  const markSent = (claim: ClaimRef, providerId: string | undefined) => sent.add({ claim, providerId });
  // Sent, but the database did not take the outcome yet: written again before anything else.
  const unrecorded = new Map<string, () => Promise<unknown>>();
  // Outcomes being written while their lane already sends its next message, at most one per
  // lane: a lane does not wait for the group commit, and a crash repeats no more than these
  // and the sends under way. A failed write stops the lanes like any database error.
  const writing = new Set<Promise<void>>();
  let writeFault: { error: unknown } | undefined;
  // Every lane's send listens to one signal.
  const newSignal = () => {
    const controller = new AbortController();
    setMaxListeners(concurrency * 4 + 10, controller.signal);
    return controller;
  };
  let sending = newSignal();
  const external = options.heldLease;
  external?.lost.addEventListener('abort', () => abortSoon(), { once: true });
  const lease = external ? external.lease : options.exclusiveLease
    ? createSenderLease(pool, { name: options.exclusiveLease, holder: `${options.workerId}:${randomUUID()}`, leaseMs, onLost: () => abortSoon() })
    : undefined;
  // Lost the lease: no new send starts; those under way may finish (and be recorded, not
  // repeated) until a successor could start, then a sender still waiting gives up.
  function abortSoon(): void {
    const current = sending;
    setTimeout(() => current.abort(), lease?.marginMs ?? 0).unref();
  }
  let running = false;
  let loop: Promise<void> | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let beating = false;

  const maySend = () => !lease || lease.holds();

  async function handle(message: ClaimedMessage): Promise<void> {
    // Withdrawn, or taken over while it waited here: no longer ours to send.
    if (!(await held.confirm(message))) return;
    let outcome: SendOutcome;
    try {
      outcome = await sender.send(message, { signal: sending.signal });
    } catch (error) {
      outcome = { kind: 'retry', error: error instanceof Error ? error.message : String(error), countAttempt: true };
    }
    if (outcome.kind !== 'sent') logger?.warn({ messageId: message.id, outcome }, 'message not sent');
    const record = () => recordOutcome(pool, message, outcome, maxAttempts, { markSent }).then(() => held.forget(message.id));
    unrecorded.set(message.id, record);
    const written = record().then(() => {
      unrecorded.delete(message.id);
    });
    if (writing.size >= concurrency) return written;
    const tracked: Promise<void> = written
      .catch((error: unknown) => {
        writeFault ??= { error };
      })
      .finally(() => writing.delete(tracked));
    writing.add(tracked);
  }

  /** Outcomes a database fault left unwritten go first, together (they batch as well). */
  async function recordPending(): Promise<void> {
    await Promise.all(
      [...unrecorded].map(async ([id, record]) => {
        await record();
        unrecorded.delete(id);
      }),
    );
  }

  // After the database was unreachable, every lease has lapsed, the live holders' too: for
  // one lease after a claim succeeds again, take no row over, so its holder can record what
  // it sent meanwhile instead of the message going out twice.
  let outage = false;
  let backAt = Number.NEGATIVE_INFINITY;
  const databaseFailed = () => {
    outage = true;
  };
  const databaseAnswered = () => {
    if (outage) backAt = Date.now();
    outage = false;
  };

  async function claim(limit: number): Promise<number> {
    const takeOver = !outage && Date.now() - backAt >= leaseMs;
    const rows = await claimOutbox(pool, { channelTypes: sender.channelTypes, limit, workerId: options.workerId, leaseMs, exclude: held.ids(), takeOver, botId: options.botId }).catch((error: unknown) => {
      databaseFailed();
      throw error;
    });
    databaseAnswered();
    return held.add(rows);
  }

  /** Rows this dispatcher will not send soon go back to everyone. */
  async function handBackIdle(): Promise<void> {
    if (!maySend()) return held.handBack([...held.queue], new Date(), 'sender lease lost');
    if (sender.readyIn) await held.handBackLate(sender.readyIn.bind(sender), handBackAfterMs);
  }

  async function beat(): Promise<void> {
    if (beating) return;
    beating = true;
    try {
      if (!external && lease?.holds()) await lease.acquire();
      if (held.size() > 0) await held.renew();
      await handBackIdle();
    } catch (error) {
      databaseFailed();
      logger?.warn({ err: error }, 'dispatch heartbeat failed');
    } finally {
      beating = false;
    }
  }

  function startHeartbeat(): void {
    heartbeat ??= setInterval(() => void beat(), heartbeatMs);
  }

  /** Lanes send from the local queue; `refill` keeps it stocked while the loop runs. */
  async function drain(refill: boolean): Promise<void> {
    let claiming: Promise<void> | undefined;
    let exhausted = false;
    // The first database error stops every lane; the loop above waits and starts again.
    let fault: { error: unknown } | undefined;
    const stopping = () => fault !== undefined || writeFault !== undefined || !maySend() || (refill && !running);
    const lane = async () => {
      while (!stopping()) {
        if (refill && !claiming && !exhausted && held.queue.length < batchSize / 2) {
          claiming = claim(batchSize - held.queue.length)
            .then((n) => {
              exhausted = n === 0;
            })
            .catch((error: unknown) => {
              fault ??= { error };
            })
            .finally(() => {
              claiming = undefined;
            });
        }
        const next = held.take(sender.readyIn?.bind(sender));
        if (typeof next === 'object') {
          await handle(next).catch((error: unknown) => {
            fault ??= { error };
            // Not sent: it waits for the next round (confirm failed), or its outcome is unrecorded.
            if (!unrecorded.has(next.id)) held.queue.unshift(next);
          });
        } else if (next === undefined) {
          if (!claiming) return;
          await claiming;
        } else await sleep(next);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, lane));
    await Promise.all(writing);
    await claiming;
    fault ??= writeFault;
    writeFault = undefined;
    if (fault) throw fault.error;
  }

  async function run(): Promise<void> {
    while (running) {
      try {
        await recordPending();
        if (lease && !lease.holds() && (external || !(await lease.acquire()))) {
          await sleep(idleMs * 2);
          continue;
        }
        if (held.queue.length === 0 && (await claim(batchSize)) === 0) {
          await sleep(idleMs);
          continue;
        }
        sending = newSignal();
        await drain(true);
        // Lost the sender lease: the rows waiting here go to whoever holds it now.
        if (!maySend()) await handBackIdle();
      } catch (error) {
        databaseFailed();
        logger?.error({ err: error }, 'dispatch loop error');
        await sleep(1000);
      }
    }
  }

  async function shutDown(): Promise<void> {
    await recordPending();
    // Stopping: hand unsent rows back at once instead of leaving them to the lease.
    await held.handBack([...held.queue], new Date(), 'released on shutdown');
  }

  function stopHeartbeat(): void {
    if (heartbeat) clearInterval(heartbeat);
    heartbeat = undefined;
  }

  return {
    start() {
      if (running) return;
      running = true;
      startHeartbeat();
      loop = run();
    },
    async stop() {
      running = false;
      // Sends under way finish and are recorded; a sender still waiting out a 429 after
      // the grace period gives up rather than keep the shutdown waiting.
      const grace = setTimeout(() => sending.abort(), stopGraceMs);
      await loop;
      clearTimeout(grace);
      loop = undefined;
      await shutDown().catch((error) => logger?.error({ err: error }, 'could not release claimed messages'));
      stopHeartbeat();
      if (!external) await lease?.release().catch((error) => logger?.warn({ err: error }, 'could not release the sender lease'));
    },
    async runOnce() {
      if (lease && !lease.holds() && (external || !(await lease.acquire()))) return 0;
      startHeartbeat();
      try {
        sending = newSignal();
        const count = await claim(batchSize);
        await drain(false);
        return count;
      } finally {
        if (!running) stopHeartbeat();
      }
    },
  };
}
