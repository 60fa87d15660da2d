// Shares the bots out among the live workers (or pollers): each bot has one lease
// (`send:<botId>`, `poll:<botId>`), and each member aims at ceil(bots / live members) of
// them. Members announce themselves with a lease row of their own (`member:<kind>:…`) that
// they renew on every heartbeat, so the live ones are those whose row has not expired.
// Every member ranks the bots the same way (rank-bots.ts), so they agree on who should
// hold what; the leases alone guarantee that no bot ever has two holders at once.
//
// A member above its share hands the extras over gracefully: onReleased waits until the
// bot's dispatcher has finished and recorded its sends, then the lease is expired at once
// and the member the bot belongs to takes it on its next heartbeat. A member that dies
// stops renewing: its member row and its leases expire and the others take its bots.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Logger } from '../../lib/logger.js';
import { createSenderLease, type SenderLease } from '../delivery/sender-lease.js';
import { rankBots } from './rank-bots.js';
import type { BotRef } from './types.js';

export type LeaseKind = 'send' | 'poll';

/** A bot this member holds: its lease, and a signal that aborts when the lease is lost (not when released). */
export interface HeldBot {
  bot: BotRef;
  lease: SenderLease;
  lost: AbortSignal;
}

export type ReleaseReason = 'rebalanced' | 'removed' | 'lost' | 'stopped';

export interface LeaseShareOptions {
  pool: pg.Pool;
  kind: LeaseKind;
  /** Names this member in logs; a random suffix keeps two processes with the same id apart. */
  memberId: string;
  leaseMs: number;
  /** How often leases are renewed and the share recomputed; a fifth of the lease by default. */
  heartbeatMs?: number;
  listBots: () => Promise<BotRef[]>;
  /** The member holds the bot's lease now: start sending (or polling) through it. */
  onAcquired(held: HeldBot): Promise<void> | void;
  /** Stop using the bot; resolve once every send under way is finished and recorded. */
  onReleased(held: HeldBot, reason: ReleaseReason): Promise<void> | void;
  logger?: Logger;
}

export interface LeaseShare {
  /** Joins the share and takes a first round of leases. */
  start(): Promise<void>;
  /** Releases every bot (each onReleased awaited) and leaves the share. */
  stop(): Promise<void>;
  /** Ids of the bots held now. */
  held(): string[];
  /** One heartbeat: renew, recompute the share, take and release. For tests and tools. */
  tick(): Promise<void>;
}

interface Holding extends HeldBot {
  abort: AbortController;
  releasing?: Promise<void>;
  /** Set right before the lease is expired: from then on it is not renewed. */
  done?: boolean;
}

export function createLeaseShare(options: LeaseShareOptions): LeaseShare {
  const { pool, kind, leaseMs, logger } = options;
  const heartbeatMs = options.heartbeatMs ?? Math.max(20, Math.round(leaseMs / 5));
  const self = `${options.memberId}:${randomUUID().slice(0, 8)}`;
  const memberPrefix = `member:${kind}:`;
  const holdings = new Map<string, Holding>();
  let bots = new Map<string, BotRef>();
  let timer: NodeJS.Timeout | undefined;
  let ticking: Promise<void> | undefined;
  let stopped = true;

  async function announce(): Promise<string[]> {
    // The member row is a lease nobody else takes: its expiry says whether this member lives.
    await pool.query(
      `INSERT INTO sender_leases (name, holder, token, "expiresAt") VALUES ($1, $2, 1, now() + make_interval(secs => $3::float8 / 1000))
       ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, "expiresAt" = EXCLUDED."expiresAt"`,
      [memberPrefix + self, self, leaseMs],
    );
    const { rows } = await pool.query<{ holder: string; leftMs: number }>(
      `SELECT holder, date_part('epoch', "expiresAt" - now()) * 1000 AS "leftMs"
         FROM sender_leases WHERE left(name, length($1)) = $1 AND "expiresAt" > now()`,
      [memberPrefix],
    );
    watchStale(rows.filter((r) => r.holder !== self));
    return rows.map((r) => r.holder);
  }

  // A member that missed two heartbeats has probably died (kill -9): its row and its bots'
  // leases run out together. One extra round right then moves its bots at the lease's end,
  // not up to a heartbeat later; a member merely late renews and the round changes nothing.
  let staleTimer: NodeJS.Timeout | undefined;
  function watchStale(others: ReadonlyArray<{ leftMs: number }>): void {
    const stale = others.filter((m) => m.leftMs < leaseMs - 2 * heartbeatMs).map((m) => m.leftMs);
    if (stale.length === 0 || staleTimer || stopped) return;
    staleTimer = setTimeout(() => {
      staleTimer = undefined;
      if (!stopped) void tick();
    }, Math.min(...stale) + 20);
    staleTimer.unref();
  }

  function release(holding: Holding, reason: ReleaseReason): Promise<void> {
    holding.releasing ??= (async () => {
      try {
        await options.onReleased(holding, reason);
      } catch (error) {
        logger?.error({ err: error, bot: holding.bot.id }, 'releasing a bot failed');
      }
      // Only now, with every send recorded, may the next holder start.
      holding.done = true;
      if (reason !== 'lost') await holding.lease.release().catch((error) => logger?.warn({ err: error, bot: holding.bot.id }, 'could not expire a released lease'));
      holdings.delete(holding.bot.id);
      logger?.info({ bot: holding.bot.id, kind, reason }, 'bot released');
    })();
    return holding.releasing;
  }

  async function take(bot: BotRef): Promise<void> {
    const abort = new AbortController();
    const holding: Holding = { bot, abort, lost: abort.signal, lease: undefined as unknown as SenderLease };
    holding.lease = createSenderLease(pool, {
      name: `${kind}:${bot.id}`,
      holder: self,
      leaseMs,
      onLost: () => {
        abort.abort();
        void release(holding, 'lost');
      },
    });
    if (!(await holding.lease.acquire())) return;
    holdings.set(bot.id, holding);
    logger?.info({ bot: bot.id, kind }, 'bot acquired');
    try {
      await options.onAcquired(holding);
    } catch (error) {
      logger?.error({ err: error, bot: bot.id }, 'starting a bot failed');
      await release(holding, 'removed');
    }
  }

  // Renewing never waits for a round: starting a bot's sender (loading its library) may take
  // longer than a lease, and the bots held must not lapse meanwhile.
  async function renew(): Promise<string[]> {
    await Promise.all([...holdings.values()].filter((h) => !h.done).map((h) => h.lease.acquire().catch(() => false)));
    return announce();
  }

  async function round(members: string[]): Promise<void> {
    try {
      bots = new Map((await options.listBots()).map((b) => [b.id, b]));
    } catch (error) {
      logger?.warn({ err: error }, 'could not list the bots: keeping the last list');
    }
    if (stopped) return;
    const mine = rankBots([...bots.keys()], members, self);
    for (const holding of holdings.values()) {
      if (holding.releasing) continue;
      if (!bots.has(holding.bot.id)) void release(holding, 'removed');
      else if (!mine.has(holding.bot.id)) void release(holding, 'rebalanced');
    }
    await Promise.all([...mine].filter((id) => !holdings.has(id)).map((id) => take(bots.get(id)!)));
  }

  let renewing: Promise<string[] | undefined> | undefined;
  function tick(): Promise<void> {
    const renewal = (renewing ??= renew()
      .catch((error: unknown) => {
        logger?.warn({ err: error, kind }, 'lease share heartbeat failed');
        return undefined;
      })
      .finally(() => {
        renewing = undefined;
      }));
    ticking ??= renewal
      .then((members) => (members ? round(members) : undefined))
      .catch((error: unknown) => logger?.warn({ err: error, kind }, 'lease share round failed'))
      .finally(() => {
        ticking = undefined;
      });
    return ticking;
  }

  return {
    async start() {
      if (!stopped) return;
      stopped = false;
      // Members that died long ago leave their rows behind; a day is far longer than any lease.
      await pool.query(`DELETE FROM sender_leases WHERE left(name, length($1)) = $1 AND "expiresAt" < now() - interval '1 day'`, [memberPrefix]).catch(() => undefined);
      await tick();
      // Each tick renews, even while a round is still under way.
      timer = setInterval(() => void tick(), heartbeatMs);
      timer.unref();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      clearTimeout(staleTimer);
      timer = undefined;
      await ticking;
      await Promise.all([...holdings.values()].map((h) => release(h, 'stopped')));
      await pool.query(`DELETE FROM sender_leases WHERE name = $1`, [memberPrefix + self]).catch(() => undefined);
    },
    held: () => [...holdings.values()].filter((h) => !h.releasing).map((h) => h.bot.id),
    tick,
  };
}
