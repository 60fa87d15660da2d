// The HTTP side of the fake: routing `/bot<token>/<method>`, recording calls,
// applying faults and flood limits, long polling, and the simulated parents.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { type BotSettings, canonicalMethod, callMethod, fail, METHOD_NOT_FOUND, type ApiContext } from './bot-api.js';
import { CallLog, type MutableCall } from './call-log.js';
import { ChatStore } from './chat-store.js';
import { FaultBook, RateLimiter } from './faults.js';
import { BodyError, parseRequest, readBody } from './http-body.js';
import { UpdateQueue } from './update-queue.js';
import { DEFAULT_BOT_USER } from './updates.js';
import { UserSimulator } from './user-simulator.js';
import type {
  ApiResponse,
  ChatId,
  FakeTelegram,
  FakeTelegramOptions,
  FakeTelegramStats,
  FakeUpdate,
  FakeUser,
  FaultHandle,
  FaultRule,
  RateLimitOptions,
  RecordedCall,
  SentMessage,
  UserOverrides,
} from './types.js';

export async function createFakeTelegram(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  const fake = new FakeTelegramServer(options);
  await fake.listen();
  return fake;
}

class FakeTelegramServer implements FakeTelegram {
  readonly botInfo: FakeUser;
  private readonly server: Server;
  private readonly store = new ChatStore();
  private readonly queue = new UpdateQueue();
  private readonly faultBook = new FaultBook();
  private readonly settings: BotSettings = {
    commands: new Map(),
    menuButtons: new Map(),
    webhook: undefined,
    lastFileId: 0,
  };
  private readonly api: ApiContext;
  private readonly users: UserSimulator;
  private rateLimitOptions: RateLimitOptions | undefined;
  private rateLimiter: RateLimiter | undefined;
  private readonly log = new CallLog();
  private readonly sleepers = new Set<{ timer: NodeJS.Timeout; wake: () => void }>();
  private tooManyRequestsCount = 0;
  private closing = false;
  private boundPort = 0;

  constructor(private readonly options: FakeTelegramOptions) {
    const tokenId = Number(/^(\d+):/.exec(options.token ?? '')?.[1]);
    this.botInfo = {
      ...DEFAULT_BOT_USER,
      ...(Number.isSafeInteger(tokenId) ? { id: tokenId } : {}),
      ...(options.botId === undefined ? {} : { id: options.botId }),
      ...(options.botFirstName === undefined ? {} : { first_name: options.botFirstName }),
      ...(options.botUsername === undefined ? {} : { username: options.botUsername }),
    };
    this.api = {
      store: this.store,
      queue: this.queue,
      settings: this.settings,
      bot: this.botInfo,
      checkHtml: options.checkHtml ?? true,
    };
    this.users = new UserSimulator(this.store, this.queue, this.botInfo);
    if (options.rateLimit !== undefined && options.rateLimit !== false) {
      this.setRateLimit(options.rateLimit === true ? {} : options.rateLimit);
    }
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        // A bug in the fake itself: answer like Telegram's 500 so the test sees it.
        const message = error instanceof Error ? error.message : String(error);
        this.send(res, undefined, fail(500, `Internal Server Error: ${message}`));
      });
    });
  }

  listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => {
        this.boundPort = (this.server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  get port(): number {
    return this.boundPort;
  }

  get apiRoot(): string {
    return `http://127.0.0.1:${this.boundPort}`;
  }

  get calls(): readonly RecordedCall[] {
    return this.log.calls;
  }

  get stats(): FakeTelegramStats {
    return { tooManyRequests: this.tooManyRequestsCount };
  }

  get webhookUrl(): string | undefined {
    return this.settings.webhook?.url;
  }

  callsOf(method: string): RecordedCall[] {
    return this.log.callsOf(method);
  }

  sentMessages(chatId?: ChatId): SentMessage[] {
    return this.log.sentMessages(chatId);
  }

  pendingUpdates(): number {
    return this.queue.size;
  }

  sendText(chatId: number, text: string, from?: UserOverrides): FakeUpdate {
    return this.users.sendText(chatId, text, from);
  }

  sendCommand(chatId: number, command: string, args?: string, from?: UserOverrides): FakeUpdate {
    return this.users.sendCommand(chatId, command, args, from);
  }

  pressButton(chatId: number, callbackData: string, messageId?: number, from?: UserOverrides): FakeUpdate {
    return this.users.pressButton(chatId, callbackData, messageId, from);
  }

  pushUpdate(update: Record<string, unknown>): FakeUpdate {
    return this.users.pushUpdate(update);
  }

  waitFor<T>(
    predicate: (calls: readonly RecordedCall[]) => T | undefined | null | false,
    timeoutMs?: number,
  ): Promise<T> {
    return this.log.waitFor(predicate, timeoutMs);
  }

  waitForMessage(
    chatId: ChatId,
    predicate?: (message: SentMessage) => boolean,
    timeoutMs?: number,
  ): Promise<SentMessage> {
    return this.log.waitForMessage(chatId, predicate, timeoutMs);
  }

  waitForCall(
    method: string,
    predicate?: (call: RecordedCall) => boolean,
    timeoutMs?: number,
  ): Promise<RecordedCall> {
    return this.log.waitForCall(method, predicate, timeoutMs);
  }

  addFault(rule: FaultRule): FaultHandle {
    return this.faultBook.add(rule);
  }

  clearFaults(): void {
    this.faultBook.clear();
  }

  setRateLimit(options: RateLimitOptions | false): void {
    this.rateLimitOptions = options === false ? undefined : options;
    this.rateLimiter = options === false ? undefined : new RateLimiter(options);
  }

  reset(): void {
    this.log.clear();
    this.faultBook.clear();
    this.queue.clear();
    this.tooManyRequestsCount = 0;
    if (this.rateLimitOptions !== undefined) this.rateLimiter = new RateLimiter(this.rateLimitOptions);
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    for (const sleeper of this.sleepers) {
      clearTimeout(sleeper.timer);
      sleeper.wake();
    }
    // Answer a held getUpdates with an empty batch instead of cutting it off.
    this.queue.release();
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      // grammY keeps sockets alive; without this close() would wait on them.
      this.server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // Telegram's test environment adds `/test` before the method.
    const route = /^\/bot([^/]+)\/(?:test\/)?([^/]+)$/.exec(url.pathname);
    if (route === null) {
      req.resume();
      return this.send(res, undefined, METHOD_NOT_FOUND);
    }
    const token = decodeURIComponent(route[1] ?? '');
    if (this.options.token !== undefined && token !== this.options.token) {
      req.resume();
      return this.send(res, undefined, fail(401, 'Unauthorized'));
    }
    let parsed;
    try {
      parsed = parseRequest(req.headers['content-type'], await readBody(req), url.searchParams);
    } catch (error) {
      if (error instanceof BodyError) return this.send(res, undefined, fail(400, error.message));
      throw error;
    }
    const call: MutableCall = {
      method: canonicalMethod(route[2] ?? ''),
      payload: parsed.payload,
      files: parsed.files,
      at: Date.now(),
    };
    this.log.record(call);
    await this.answer(call, res);
  }

  private async answer(call: MutableCall, res: ServerResponse): Promise<void> {
    const { method, payload } = call;
    const decision = this.faultBook.decide(method, payload.chat_id);
    if (decision.delayMs > 0) await this.sleep(decision.delayMs);
    if (this.closing && method !== 'getUpdates') {
      res.destroy();
      return;
    }
    const fault = decision.fault;
    if (fault?.kind === 'hang') {
      // Held until the client aborts (its socket closes) or the fake closes.
      await new Promise<void>((resolve) => {
        const sleeper = { timer: setTimeout(() => undefined, 0), wake: () => finish() };
        const finish = (): void => {
          this.sleepers.delete(sleeper);
          resolve();
        };
        res.once('close', finish);
        this.sleepers.add(sleeper);
      });
      if (!res.destroyed) res.destroy();
      this.log.changed();
      return;
    }
    if (fault?.kind === 'drop-connection') {
      res.socket?.destroy();
      return;
    }
    if (fault !== undefined) {
      const error = fail(fault.errorCode, fault.description);
      if (fault.retryAfter !== undefined) error.parameters = { retry_after: fault.retryAfter };
      return this.send(res, call, error);
    }
    if (method === 'getUpdates') return this.getUpdates(call, res);

    const chatId = payload.chat_id as ChatId | undefined;
    const retryAfter = this.rateLimiter?.admit(method, chatId, Date.now());
    if (retryAfter !== undefined) {
      this.tooManyRequestsCount += 1;
      const error = fail(429, `Too Many Requests: retry after ${retryAfter}`);
      error.parameters = { retry_after: retryAfter };
      return this.send(res, call, error);
    }
    this.send(res, call, callMethod(this.api, method, { payload: call.payload as Record<string, unknown>, files: call.files }));
  }

  private async getUpdates(call: MutableCall, res: ServerResponse): Promise<void> {
    if (this.settings.webhook !== undefined) {
      return this.send(res, call, fail(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"));
    }
    // A client that gave up during an injected delay must not hold the slot.
    if (res.socket === null || res.socket.destroyed) return;
    const poll = this.queue.poll(call.payload);
    // grammY aborts the held request on bot.stop(); free the slot at once.
    const onClose = (): void => poll.cancel();
    res.once('close', onClose);
    const outcome = await poll.outcome;
    res.off('close', onClose);
    if (outcome.kind === 'updates') return this.send(res, call, { ok: true, result: outcome.updates });
    if (outcome.kind === 'conflict') {
      return this.send(res, call, fail(409, 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running'));
    }
  }

  private send(res: ServerResponse, call: MutableCall | undefined, response: ApiResponse): void {
    if (call !== undefined) call.response = response;
    // The client may have timed out meanwhile; the call still counts as made.
    if (!res.destroyed && !res.headersSent) {
      const body = JSON.stringify(response);
      res.writeHead(response.ok ? 200 : response.error_code, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      });
      res.end(body);
    }
    this.log.changed();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const sleeper = {
        timer: setTimeout(() => {
          this.sleepers.delete(sleeper);
          resolve();
        }, ms),
        wake: resolve,
      };
      this.sleepers.add(sleeper);
    });
  }
}
