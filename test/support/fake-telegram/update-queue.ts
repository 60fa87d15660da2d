// getUpdates semantics: updates stay queued until a later call confirms them
// with a higher `offset`, and a call with `timeout` is held open (long
// polling) until something deliverable arrives or the timeout runs out.
import type { FakeUpdate } from './types.js';

export interface PollParams {
  offset?: unknown;
  limit?: unknown;
  timeout?: unknown;
  allowed_updates?: unknown;
}

export type PollOutcome =
  | { kind: 'updates'; updates: FakeUpdate[] }
  /** A newer getUpdates took over, as Telegram answers with 409 Conflict. */
  | { kind: 'conflict' }
  | { kind: 'cancelled' };

export interface Poll {
  outcome: Promise<PollOutcome>;
  cancel(): void;
}

// Telegram leaves these out unless a bot asks for them explicitly.
const OPT_IN_TYPES = new Set(['chat_member', 'message_reaction', 'message_reaction_count']);

interface Waiter {
  offer(): boolean;
  settle(outcome: PollOutcome): void;
}

export class UpdateQueue {
  private updates: FakeUpdate[] = [];
  private waiting: Waiter | undefined;
  private allowed: readonly string[] = [];
  private lastUpdateId = 0;

  nextUpdateId(): number {
    this.lastUpdateId += 1;
    return this.lastUpdateId;
  }

  push(update: FakeUpdate): void {
    this.lastUpdateId = Math.max(this.lastUpdateId, update.update_id);
    this.updates.push(update);
    if (this.waiting?.offer()) this.waiting = undefined;
  }

  get size(): number {
    return this.updates.length;
  }

  clear(): void {
    this.updates = [];
  }

  poll(params: PollParams): Poll {
    this.confirm(params.offset);
    if (Array.isArray(params.allowed_updates)) {
      this.allowed = params.allowed_updates.filter((t): t is string => typeof t === 'string');
    }
    const limit = clamp(params.limit, 1, 100, 100);
    const timeoutMs = clamp(params.timeout, 0, 50, 0) * 1000;

    // Telegram allows one getUpdates at a time per bot.
    this.waiting?.settle({ kind: 'conflict' });
    this.waiting = undefined;

    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    let settle!: (outcome: PollOutcome) => void;
    const outcome = new Promise<PollOutcome>((resolve) => {
      settle = (value) => {
        if (settled) return;
        settled = true;
        if (timer !== undefined) clearTimeout(timer);
        if (this.waiting === waiter) this.waiting = undefined;
        resolve(value);
      };
    });
    const waiter: Waiter = {
      offer: () => {
        const updates = this.deliverable(limit);
        if (updates.length === 0) return false;
        settle({ kind: 'updates', updates });
        return true;
      },
      settle,
    };

    if (!waiter.offer()) {
      if (timeoutMs === 0) {
        settle({ kind: 'updates', updates: [] });
      } else {
        this.waiting = waiter;
        timer = setTimeout(() => settle({ kind: 'updates', updates: [] }), timeoutMs);
      }
    }
    return { outcome, cancel: () => settle({ kind: 'cancelled' }) };
  }

  /** Ends a held poll, e.g. when the server shuts down. */
  release(): void {
    this.waiting?.settle({ kind: 'updates', updates: [] });
    this.waiting = undefined;
  }

  private confirm(offset: unknown): void {
    if (typeof offset !== 'number' || offset === 0) return;
    if (offset > 0) {
      this.updates = this.updates.filter((u) => u.update_id >= offset);
    } else {
      // A negative offset keeps only the last |offset| updates.
      this.updates = this.updates.slice(offset);
    }
  }

  private deliverable(limit: number): FakeUpdate[] {
    const wanted = (update: FakeUpdate): boolean => {
      const type = Object.keys(update).find((key) => key !== 'update_id') ?? '';
      return this.allowed.length === 0 ? !OPT_IN_TYPES.has(type) : this.allowed.includes(type);
    };
    return this.updates.filter(wanted).slice(0, limit);
  }
}

function clamp(value: unknown, min: number, max: number, fallback: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, value));
}
