// Fault injection and flood control, so the notification pipeline's delivery
// logic (retries, blocked parents, unknown chats, timeouts) can be exercised
// against the same answers the real Bot API gives.
import type { ChatId, Fault, FaultHandle, FaultRule, RateLimitOptions } from './types.js';

/** Ready-made faults carrying Telegram's real status codes and texts. */
export const faults = {
  /**
   * 429 with `parameters.retry_after`. Telegram only sends whole seconds;
   * fractions are allowed here to keep tests fast (auto-retry honours them).
   */
  tooManyRequests: (retryAfter: number): Fault => ({
    kind: 'error',
    errorCode: 429,
    description: `Too Many Requests: retry after ${retryAfter}`,
    retryAfter,
  }),
  serverError: (): Fault => ({ kind: 'error', errorCode: 500, description: 'Internal Server Error' }),
  blocked: (): Fault => ({
    kind: 'error',
    errorCode: 403,
    description: 'Forbidden: bot was blocked by the user',
  }),
  chatNotFound: (): Fault => ({ kind: 'error', errorCode: 400, description: 'Bad Request: chat not found' }),
  /** Any other Bot API error, e.g. 403 "Forbidden: user is deactivated". */
  error: (errorCode: number, description: string): Fault => ({ kind: 'error', errorCode, description }),
  /**
   * Hold the answer back; the call is still carried out afterwards, as
   * Telegram delivers a message even when the client has given up waiting.
   */
  delay: (ms: number): Fault => ({ kind: 'delay', ms }),
  /** Close the socket without answering: grammY reports an HttpError. */
  dropConnection: (): Fault => ({ kind: 'drop-connection' }),
  /** No answer at all until the client gives up (its timeout) or the fake closes. */
  hang: (): Fault => ({ kind: 'hang' }),
} as const;

interface ActiveRule {
  rule: FaultRule;
  methods: ReadonlySet<string> | undefined;
  hits: number;
  remaining: number;
  /** Matching calls seen, for `fraction`. */
  seen: number;
}

export interface FaultDecision {
  delayMs: number;
  /** The error or dropped connection to answer with, if any. */
  fault: Exclude<Fault, { kind: 'delay' }> | undefined;
}

export class FaultBook {
  private rules: ActiveRule[] = [];

  add(rule: FaultRule): FaultHandle {
    const methods =
      rule.method === undefined
        ? undefined
        : new Set(typeof rule.method === 'string' ? [rule.method] : rule.method);
    const active: ActiveRule = { rule, methods, hits: 0, remaining: rule.times ?? Infinity, seen: 0 };
    this.rules.push(active);
    return {
      get hits() {
        return active.hits;
      },
      get remaining() {
        return active.remaining;
      },
      remove: () => {
        this.rules = this.rules.filter((r) => r !== active);
      },
    };
  }

  clear(): void {
    this.rules = [];
  }

  /**
   * Every matching delay rule adds up; the first matching error rule decides
   * the answer. Each rule consumed here counts one of its `times`.
   */
  decide(method: string, chatId: unknown): FaultDecision {
    const decision: FaultDecision = { delayMs: 0, fault: undefined };
    for (const active of this.rules) {
      if (active.remaining <= 0 || !matches(active, method, chatId)) continue;
      if (!takesTurn(active)) continue;
      const { fault } = active.rule;
      if (fault.kind === 'delay') {
        decision.delayMs += fault.ms;
      } else if (decision.fault === undefined) {
        decision.fault = fault;
      } else {
        continue;
      }
      active.hits += 1;
      active.remaining -= 1;
    }
    this.rules = this.rules.filter((r) => r.remaining > 0);
    return decision;
  }
}

/** With a `fraction`, whether this matching call is one of its share: call n hits when floor(n·f) steps up. */
function takesTurn(active: ActiveRule): boolean {
  const fraction = active.rule.fraction;
  if (fraction === undefined) return true;
  active.seen += 1;
  return Math.floor(active.seen * fraction) > Math.floor((active.seen - 1) * fraction);
}

function matches(active: ActiveRule, method: string, chatId: unknown): boolean {
  // Rules without a method leave getUpdates alone: breaking the polling loop
  // makes grammY sleep for seconds, which is never what a delivery test wants.
  if (active.methods === undefined ? method === 'getUpdates' : !active.methods.has(method)) {
    return false;
  }
  const wanted = active.rule.chatId;
  return wanted === undefined || (chatId !== undefined && String(chatId) === String(wanted));
}

const WINDOW_MS = 1000;

/** Sliding one-second windows, like Telegram's flood control. */
export class RateLimiter {
  private readonly globalPerSecond: number;
  private readonly perChatPerSecond: number;
  private readonly methods: ReadonlySet<string>;
  private global: number[] = [];
  private perChat = new Map<string, number[]>();

  constructor(options: RateLimitOptions = {}) {
    this.globalPerSecond = options.globalPerSecond ?? 30;
    this.perChatPerSecond = options.perChatPerSecond ?? 1;
    this.methods = new Set(options.methods ?? ['sendMessage']);
  }

  /** Admits and counts the call, or returns the seconds to wait. */
  admit(method: string, chatId: ChatId | undefined, now: number): number | undefined {
    if (!this.methods.has(method)) return undefined;
    const since = now - WINDOW_MS;
    this.global = this.global.filter((t) => t > since);
    const key = chatId === undefined ? undefined : String(chatId);
    const chatTimes = key === undefined ? [] : (this.perChat.get(key) ?? []).filter((t) => t > since);

    const blockedUntil = Math.max(
      freeSlotAt(this.global, this.globalPerSecond),
      freeSlotAt(chatTimes, this.perChatPerSecond),
    );
    if (blockedUntil > 0) return Math.max(1, Math.ceil((blockedUntil - now) / 1000));

    this.global.push(now);
    if (key !== undefined) this.perChat.set(key, [...chatTimes, now]);
    return undefined;
  }
}

/** When the window next has room, or 0 when it has room now. */
function freeSlotAt(times: number[], limit: number): number {
  if (times.length < limit) return 0;
  return (times[times.length - limit] ?? 0) + WINDOW_MS;
}
