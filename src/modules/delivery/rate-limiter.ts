// Telegram's flood limits: at most N messages per second for the bot and one per second
// per chat. A token bucket of capacity 1 (even pacing) never bursts, so no one-second
// window — however Telegram slides it — sees more than N; a small margin absorbs
// network jitter between our send and the server's arrival time.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface RateLimiterOptions {
  perSecond: number;
  perChatPerSecond?: number;
  /** Fraction added to each interval; 0.02 means 2 % below the limit. */
  margin?: number;
}

export class SendRateLimiter {
  private readonly interval: number;
  private readonly chatInterval: number;
  private nextGlobal = 0;
  private pausedUntil = 0;
  private readonly nextChat = new Map<string, number>();

  constructor(options: RateLimiterOptions) {
    const margin = 1 + (options.margin ?? 0.02);
    this.interval = (1000 / options.perSecond) * margin;
    this.chatInterval = (1000 / (options.perChatPerSecond ?? 1)) * (1 + Math.max(options.margin ?? 0.02, 0.05));
  }

  /** Resolves when a message to `chat` may be sent now, and books that slot. */
  async acquire(chat: string): Promise<void> {
    // Wait for the chat first without holding a global slot, so other chats use it meanwhile.
    for (;;) {
      const now = Date.now();
      const ready = Math.max(this.nextChat.get(chat) ?? 0, this.pausedUntil);
      if (ready <= now) break;
      await sleep(ready - now);
    }
    const now = Date.now();
    const slot = Math.max(now, this.nextGlobal, this.pausedUntil);
    this.nextGlobal = slot + this.interval;
    this.nextChat.set(chat, slot + this.chatInterval);
    if (slot > now) await sleep(slot - now);
    if (this.nextChat.size > 10_000) this.forgetIdleChats();
  }

  /** Milliseconds until a message to `chat` could go, ignoring other chats' traffic. */
  readyIn(chat: string): number {
    return Math.max(0, Math.max(this.nextChat.get(chat) ?? 0, this.pausedUntil) - Date.now());
  }

  /** After a 429: nobody sends until Telegram's retry_after has passed. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
    this.nextGlobal = Math.max(this.nextGlobal, this.pausedUntil);
  }

  private forgetIdleChats(): void {
    const now = Date.now();
    for (const [chat, at] of this.nextChat) if (at < now) this.nextChat.delete(chat);
  }
}
