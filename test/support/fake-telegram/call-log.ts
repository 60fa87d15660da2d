// Every Bot API call the bot makes, plus the helpers tests use to wait for
// the bot's reaction. Waits re-check on each recorded change and on a short
// interval, so predicates may also look at state outside the fake.
import type { ChatId, FakeMessage, RecordedCall, SentMessage } from './types.js';

export type MutableCall = { -readonly [K in keyof RecordedCall]: RecordedCall[K] };

const DEFAULT_WAIT_MS = 5000;
const WAIT_POLL_MS = 20;

export class CallLog {
  readonly calls: MutableCall[] = [];
  private readonly consumedMessages = new Set<RecordedCall>();
  private readonly listeners = new Set<() => void>();

  record(call: MutableCall): void {
    this.calls.push(call);
    this.changed();
  }

  /** Call after filling in a call's response. */
  changed(): void {
    for (const listener of [...this.listeners]) listener();
  }

  clear(): void {
    this.calls.length = 0;
    this.consumedMessages.clear();
  }

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  sentMessages(chatId?: ChatId): SentMessage[] {
    return this.calls.flatMap((call) => {
      const sent = toSentMessage(call);
      return sent !== undefined && (chatId === undefined || String(sent.chat_id) === String(chatId))
        ? [sent]
        : [];
    });
  }

  waitFor<T>(
    predicate: (calls: readonly RecordedCall[]) => T | undefined | null | false,
    timeoutMs = DEFAULT_WAIT_MS,
  ): Promise<T> {
    return this.until(() => predicate(this.calls), timeoutMs, 'the waitFor predicate');
  }

  waitForMessage(
    chatId: ChatId,
    predicate: (message: SentMessage) => boolean = () => true,
    timeoutMs = DEFAULT_WAIT_MS,
  ): Promise<SentMessage> {
    const next = (): SentMessage | undefined => {
      for (const call of this.calls) {
        if (this.consumedMessages.has(call)) continue;
        const sent = toSentMessage(call);
        if (sent === undefined || String(sent.chat_id) !== String(chatId) || !predicate(sent)) continue;
        this.consumedMessages.add(call);
        return sent;
      }
      return undefined;
    };
    return this.until(next, timeoutMs, `a new message to chat ${chatId}`);
  }

  waitForCall(
    method: string,
    predicate: (call: RecordedCall) => boolean = () => true,
    timeoutMs = DEFAULT_WAIT_MS,
  ): Promise<RecordedCall> {
    return this.until(
      () => this.calls.find((call) => call.method === method && call.response !== undefined && predicate(call)),
      timeoutMs,
      `an answered ${method} call`,
    );
  }

  private until<T>(
    check: () => T | undefined | null | false,
    timeoutMs: number,
    what: string,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const finish = (): void => {
        clearTimeout(timeout);
        clearInterval(interval);
        this.listeners.delete(evaluate);
      };
      const evaluate = (): void => {
        let value: T | undefined | null | false;
        try {
          value = check();
        } catch (error) {
          finish();
          reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        if (value !== undefined && value !== null && value !== false) {
          finish();
          resolve(value);
        }
      };
      // Both timers exist before the first evaluation can call finish().
      const timeout = setTimeout(() => {
        finish();
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.\n${this.describe()}`));
      }, timeoutMs);
      const interval = setInterval(evaluate, WAIT_POLL_MS);
      this.listeners.add(evaluate);
      evaluate();
    });
  }

  /** The tail of the log, so a timed-out wait shows what did happen. */
  private describe(): string {
    const tail = this.calls.slice(-15).map((call) => {
      const { chat_id: chatId, text } = call.payload;
      const outcome =
        call.response === undefined ? 'no answer' : call.response.ok ? 'ok' : String(call.response.error_code);
      const chat = chatId === undefined ? '' : ` chat ${String(chatId)}`;
      const body = typeof text === 'string' ? ` ${JSON.stringify(text.slice(0, 60))}` : '';
      return `  ${call.method}${chat}${body} -> ${outcome}`;
    });
    return tail.length === 0 ? 'No Bot API calls were made.' : `Last Bot API calls:\n${tail.join('\n')}`;
  }
}

function toSentMessage(call: RecordedCall): SentMessage | undefined {
  if (call.method !== 'sendMessage' && call.method !== 'editMessageText') return undefined;
  const response = call.response;
  // Inline-message edits answer `true` and belong to no chat.
  if (response?.ok !== true || typeof response.result !== 'object' || response.result === null) return undefined;
  const { payload } = call;
  const sent: SentMessage = {
    method: call.method,
    chat_id: payload.chat_id as ChatId,
    message_id: (response.result as FakeMessage).message_id,
    text: typeof payload.text === 'string' ? payload.text : '',
    at: call.at,
  };
  if (typeof payload.parse_mode === 'string') sent.parse_mode = payload.parse_mode;
  if (typeof payload.reply_markup === 'object' && payload.reply_markup !== null) {
    sent.reply_markup = payload.reply_markup as SentMessage['reply_markup'];
  }
  return sent;
}
