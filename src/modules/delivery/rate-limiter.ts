// Telegram's flood limits: at most N messages in any one-second window for the bot, and
// one per second per chat. Telegram counts a request when it arrives, which is somewhere
// between our issuing it and our receiving the answer. So a send occupies its place in
// the window from the moment its request is issued (not a planned slot: a late timer would
// squeeze two together) until one second after its answer came back. Then no window on
// Telegram's side can hold more than N, whatever the latency and its jitter (a new request
// arrives after it is issued, an old one before it was answered); the price is the round
// trip, a few per cent of the rate on a near server.
// A send that would have to wait longer than the caller allows gets no slot: the caller
// hands its row back instead of holding it.

export interface RateLimiterOptions {
  perSecond: number;
  perChatPerSecond?: number;
  /** Added to the one-second window, for clocks that count whole milliseconds differently. */
  marginMs?: number;
}

export interface AcquireOptions {
  /** Give up (undefined) instead of waiting longer than this. */
  maxWaitMs?: number;
  /** Give up as soon as this aborts (stopping, claim lost). */
  signal?: AbortSignal;
}

/** A booked send; `done()` when its response (or error) has arrived. */
export interface SendSlot {
  done(): void;
}

const WINDOW_MS = 1000;

export class SendRateLimiter {
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly chatIntervalMs: number;
  /** When finished sends leave the window, ascending. */
  private readonly expiries: number[] = [];
  private inFlight = 0;
  private pausedUntil = 0;
  /** Per chat: when the next send may start; Infinity while one is in flight. */
  private readonly chatReady = new Map<string, number>();
  private readonly wakers = new Set<() => void>();

  constructor(options: RateLimiterOptions) {
    this.limit = Math.max(1, Math.floor(options.perSecond));
    this.windowMs = WINDOW_MS + (options.marginMs ?? 2);
    this.chatIntervalMs = WINDOW_MS / (options.perChatPerSecond ?? 1) + (options.marginMs ?? 2);
  }

  /** Books a send to `chat` as soon as both limits allow it, or undefined when that is too far off. */
  async acquire(chat: string, options: AcquireOptions = {}): Promise<SendSlot | undefined> {
    const deadline = Date.now() + (options.maxWaitMs ?? Infinity);
    for (;;) {
      if (options.signal?.aborted) return undefined;
      const now = Date.now();
      const wait = Math.max(this.readyIn(chat, now), this.globalWait(now));
      if (wait <= 0) return this.book(chat);
      // An unknown wait (only sends in flight fill the window) is worth waiting for until the deadline.
      if (now >= deadline || (Number.isFinite(wait) && now + wait > deadline)) return undefined;
      await this.sleep(Math.min(wait, deadline - now), options.signal);
    }
  }

  /** Milliseconds until a message to `chat` could go as far as its own limit and pauses go. */
  readyIn(chat: string, now = Date.now()): number {
    const ready = Math.max(this.chatReady.get(chat) ?? 0, this.pausedUntil);
    // A chat with a send in flight waits for its answer; poll again shortly.
    return ready === Infinity ? 50 : Math.max(0, ready - now);
  }

  /** After a 429 for everyone: nobody sends until retry_after has passed. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
  }

  /** After a 429 for one chat: that chat waits, the others go on. */
  pauseChat(chat: string, ms: number): void {
    const until = Date.now() + ms;
    const current = this.chatReady.get(chat) ?? 0;
    this.chatReady.set(chat, current === Infinity ? current : Math.max(current, until));
  }

  private globalWait(now: number): number {
    while (this.expiries.length > 0 && (this.expiries[0] as number) <= now) this.expiries.shift();
    if (this.pausedUntil > now) return this.pausedUntil - now;
    const over = this.inFlight + this.expiries.length - this.limit;
    if (over < 0) return 0;
    // The window is full: room comes when the oldest finished sends leave it, or, if the
    // window holds only sends still in flight, when an answer arrives (wakes the sleepers).
    return over < this.expiries.length ? (this.expiries[over] as number) - now : Infinity;
  }

  private book(chat: string): SendSlot {
    this.inFlight += 1;
    this.chatReady.set(chat, Infinity);
    let finished = false;
    return {
      done: () => {
        if (finished) return;
        finished = true;
        const end = Date.now();
        this.inFlight -= 1;
        this.insertExpiry(end + this.windowMs);
        this.chatReady.set(chat, end + this.chatIntervalMs);
        if (this.chatReady.size > 10_000) this.forgetIdleChats(end);
        for (const wake of [...this.wakers]) wake();
      },
    };
  }

  private insertExpiry(at: number): void {
    let i = this.expiries.length;
    while (i > 0 && (this.expiries[i - 1] as number) > at) i -= 1;
    this.expiries.splice(i, 0, at);
  }

  private sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.wakers.delete(finish);
        signal?.removeEventListener('abort', finish);
        resolve();
      };
      const timer = setTimeout(finish, Number.isFinite(ms) ? Math.max(1, ms) : 1000);
      this.wakers.add(finish);
      signal?.addEventListener('abort', finish, { once: true });
    });
  }

  private forgetIdleChats(now: number): void {
    for (const [chat, at] of this.chatReady) if (at < now) this.chatReady.delete(chat);
  }
}
