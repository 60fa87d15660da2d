// A fake MAX Bot API server on loopback, written from MAX's published API: the token in
// the Authorization header, GET /me, long polling on GET /updates with a marker,
// POST /messages (to a user), PUT /messages (edit), POST /answers (button presses), and
// GET/POST/DELETE /subscriptions with webhook delivery carrying X-Max-Bot-Api-Secret.
// It enforces a per-bot rate (429 above it), refuses what MAX refuses (long or broken
// text, a user who stopped the bot or removed the dialog), and injects 429s, 5xx errors,
// delays and hangs on demand (faults.ts).
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HangingRequests, maxFaults, takesTurn, type ActiveMaxRule } from './faults.js';
import { DIALOG_OFFSET, MaxMessages } from './message-store.js';
import type { FakeMaxOptions, MaxCall, MaxFault, MaxFaultRule, MaxSent, MaxUpdate, MaxUser } from './types.js';

const SENDING = new Set(['POST /messages', 'PUT /messages', 'POST /answers']);

interface Person {
  user: MaxUser;
  stopped: boolean;
  /** The user deleted the dialog with the bot (implies stopped). */
  removed: boolean;
  mutedUntil: number | undefined;
}

interface Subscription {
  url: string;
  secret: string | undefined;
  update_types: string[];
  time: number;
}

export interface WebhookDelivery {
  url: string;
  secret: string | undefined;
  status: number | 'error';
  update: MaxUpdate;
}

export class FakeMax {
  readonly token: string;
  readonly bot: MaxUser;
  readonly calls: MaxCall[] = [];
  readonly webhookDeliveries: WebhookDelivery[] = [];
  /** 429s answered for going over the rate; injected faults are counted apart. */
  readonly stats = { tooManyRequests: 0, injected: 0 };
  private readonly server = createServer((req, res) => void this.handle(req, res));
  private readonly people = new Map<number, Person>();
  private readonly updates: Array<{ seq: number; update: MaxUpdate }> = [];
  private readonly waiters = new Set<() => void>();
  private readonly subscriptions: Subscription[] = [];
  private readonly rules: ActiveMaxRule[] = [];
  private readonly window: number[] = [];
  private readonly hanging = new HangingRequests();
  private perSecond: number | false;
  private readonly messages: MaxMessages;
  private seq = 0;
  private port = 0;

  constructor(options: FakeMaxOptions = {}) {
    this.token = options.token ?? 'max-test-token';
    this.perSecond = options.perSecond ?? 30;
    this.bot = { user_id: 9_000_001, name: 'Вестник', first_name: 'Вестник', username: options.botUsername ?? 'vestnik_school_bot', is_bot: true, last_activity_time: Date.now() };
    this.messages = new MaxMessages(this.bot);
  }

  get sent(): MaxSent[] {
    return this.messages.sent;
  }

  get answers(): Array<{ callbackId: string }> {
    return this.messages.answers;
  }

  get apiRoot(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    for (const wake of this.waiters) wake();
    this.hanging.releaseAll();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- what parents do -------------------------------------------------------------

  person(userId: number, firstName = 'Анна'): Person {
    let person = this.people.get(userId);
    if (!person) {
      person = { user: { user_id: userId, name: firstName, first_name: firstName, username: null, is_bot: false, last_activity_time: Date.now() }, stopped: false, removed: false, mutedUntil: undefined };
      this.people.set(userId, person);
    }
    return person;
  }

  /** Opening https://max.ru/<bot>?start=<payload>: MAX sends bot_started with the payload. */
  startBot(userId: number, payload?: string): MaxUpdate {
    const person = this.person(userId);
    person.stopped = false;
    person.removed = false;
    return this.push('bot_started', { chat_id: userId + DIALOG_OFFSET, user: person.user, payload: payload ?? null, user_locale: 'ru' });
  }

  sendText(userId: number, text: string): MaxUpdate {
    const person = this.person(userId);
    const message = { sender: person.user, recipient: { chat_id: userId + DIALOG_OFFSET, chat_type: 'dialog', user_id: this.bot.user_id }, timestamp: Date.now(), body: { mid: this.messages.nextMid(), seq: this.seq + 1, text, attachments: null } };
    return this.push('message_created', { message, user_locale: 'ru' });
  }

  /** A press on a callback button of the newest bot message to this user carrying it. */
  pressButton(userId: number, payload: string): MaxUpdate {
    const target = [...this.sent].reverse().find((m) => m.userId === userId && m.buttons.flat().some((b) => b.payload === payload));
    if (!target) throw new Error(`no message to ${userId} has a button with payload ${payload}`);
    const person = this.person(userId);
    const callback = { timestamp: Date.now(), callback_id: randomUUID(), payload, user: person.user };
    return this.push('message_callback', { callback, message: this.messages.asMessage(target), user_locale: 'ru' });
  }

  /** A press with a payload no button carries, as a modified client could send, on the newest bot message to the user. */
  pressForged(userId: number, payload: string): MaxUpdate {
    const target = [...this.sent].reverse().find((m) => m.userId === userId);
    if (!target) throw new Error(`no message to ${userId} to press a forged button on`);
    const person = this.person(userId);
    const callback = { timestamp: Date.now(), callback_id: randomUUID(), payload, user: person.user };
    return this.push('message_callback', { callback, message: this.messages.asMessage(target), user_locale: 'ru' });
  }

  stopBot(userId: number): MaxUpdate {
    const person = this.person(userId);
    person.stopped = true;
    return this.push('bot_stopped', { chat_id: userId + DIALOG_OFFSET, user: person.user, user_locale: 'ru' });
  }

  removeDialog(userId: number): MaxUpdate {
    const person = this.person(userId);
    person.stopped = true;
    person.removed = true;
    return this.push('dialog_removed', { chat_id: userId + DIALOG_OFFSET, user: person.user, user_locale: 'ru' });
  }

  mute(userId: number, untilMs: number): MaxUpdate {
    const person = this.person(userId);
    person.mutedUntil = untilMs;
    return this.push('dialog_muted', { chat_id: userId + DIALOG_OFFSET, user: person.user, muted_until: untilMs, user_locale: 'ru' });
  }

  unmute(userId: number): MaxUpdate {
    const person = this.person(userId);
    person.mutedUntil = undefined;
    return this.push('dialog_unmuted', { chat_id: userId + DIALOG_OFFSET, user: person.user, user_locale: 'ru' });
  }

  /** Any update, as MAX would deliver it; on webhooks when subscribed, else to long polling. */
  push(type: string, fields: Record<string, unknown>): MaxUpdate {
    const update: MaxUpdate = { update_type: type, timestamp: Date.now(), ...fields };
    const targets = this.subscriptions.filter((s) => s.update_types.length === 0 || s.update_types.includes(type));
    if (targets.length > 0) {
      for (const subscription of targets) void this.deliver(subscription, update);
    } else {
      this.updates.push({ seq: (this.seq += 1), update });
      for (const wake of this.waiters) wake();
    }
    return update;
  }

  /** MAX's retry: the same update delivered once more to the subscriptions (a retry carries no new id). */
  redeliver(update: MaxUpdate): void {
    const targets = this.subscriptions.filter((s) => s.update_types.length === 0 || s.update_types.includes(update.update_type));
    for (const subscription of targets) void this.deliver(subscription, update);
  }

  // ---- what tests look at ----------------------------------------------------------

  sentTo(userId: number): MaxSent[] {
    return this.sent.filter((m) => m.userId === userId);
  }

  async waitForMessage(userId: number, after: number, timeoutMs = 10_000): Promise<MaxSent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const message = this.sentTo(userId)[after];
      if (message) return message;
      if (Date.now() > deadline) throw new Error(`no message #${after + 1} to MAX user ${userId}; got ${this.sentTo(userId).length}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Requests per second for the whole bot, or false for no limit. */
  setRateLimit(perSecond: number | false): void {
    this.perSecond = perSecond;
    this.window.length = 0;
  }

  /** Forgets messages, calls, faults and counts (people stay), for the next test. */
  reset(): void {
    this.messages.sent.length = 0;
    this.messages.answers.length = 0;
    this.calls.length = 0;
    this.rules.length = 0;
    this.window.length = 0;
    this.stats.tooManyRequests = 0;
    this.stats.injected = 0;
    this.hanging.releaseAll();
  }

  /** The calls to one route, e.g. 'POST /messages'. */
  callsOf(route: string): MaxCall[] {
    return this.calls.filter((c) => `${c.method} ${c.path}` === route);
  }

  async waitFor<T>(check: () => T | undefined, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error('the fake MAX did not see what was awaited in time');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  clearFaults(): void {
    this.rules.length = 0;
  }

  addFault(rule: MaxFaultRule): { hits: () => number; remove: () => void } {
    const active: ActiveMaxRule = { ...rule, remaining: rule.times ?? Infinity, seen: 0 };
    this.rules.push(active);
    const times = rule.times ?? Infinity;
    return { hits: () => (times === Infinity ? NaN : times - active.remaining), remove: () => this.rules.splice(this.rules.indexOf(active), 1) };
  }

  // ---- the HTTP side ---------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const route = `${req.method} ${url.pathname.replace(/\/+$/, '') || '/'}`;
    const query = Object.fromEntries(url.searchParams);
    const raw = await readAll(req);
    let body: Record<string, unknown> | undefined;
    const answer = (status: number, data: unknown) => {
      this.calls.push({ method: req.method ?? '', path: url.pathname, query, body, status, at: Date.now() });
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(data));
    };
    if (req.headers.authorization !== this.token) return answer(401, { code: 'verify.token', message: 'Invalid access_token' });
    try {
      body = raw.length ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>) : undefined;
    } catch {
      return answer(400, { code: 'proto.payload', message: 'Invalid JSON' });
    }
    if (route !== 'GET /updates' && !this.admit()) {
      this.stats.tooManyRequests += 1;
      return answer(429, { code: 'too.many.requests', message: 'Too many requests' });
    }
    const fault = this.fault(route, Number(query.user_id));
    if (fault) this.stats.injected += 1;
    if (fault?.kind === 'hang') {
      // Recorded with status 0: the request arrived and was never answered.
      this.calls.push({ method: req.method ?? '', path: url.pathname, query, body, status: 0, at: Date.now() });
      return this.hanging.hold();
    }
    if (fault?.kind === 'drop') {
      this.calls.push({ method: req.method ?? '', path: url.pathname, query, body, status: 0, at: Date.now() });
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms));
    if (fault?.kind === 'hold') await fault.until;
    if (fault?.kind === 'error') return answer(fault.status, { code: fault.code, message: fault.message });
    const [status, data] = await this.route(route, query, body ?? {});
    answer(status, data);
  }

  private async route(route: string, query: Record<string, string>, body: Record<string, unknown>): Promise<[number, unknown]> {
    switch (route) {
      case 'GET /me':
        return [200, this.bot];
      case 'GET /updates':
        return [200, await this.poll(Number(query.marker ?? 0), Math.min(Number(query.timeout ?? 30), 90), Number(query.limit ?? 100))];
      case 'POST /messages': {
        const userId = Number(query.user_id);
        const person = this.people.get(userId);
        const refusal = !person || (person.stopped && !person.removed) ? maxFaults.dialogSuspended(userId) : person.removed ? maxFaults.dialogNotFound(userId) : undefined;
        return this.messages.send(userId, body, refusal?.kind === 'error' ? [refusal.status, { code: refusal.code, message: refusal.message }] : undefined);
      }
      case 'PUT /messages':
        return this.messages.edit(query.message_id ?? '', body);
      case 'POST /answers':
        return this.messages.answer(query.callback_id ?? '', this.pressedMid(query.callback_id ?? ''), body);
      case 'GET /subscriptions':
        return [200, { subscriptions: this.subscriptions.map(({ url, time, update_types }) => ({ url, time, update_types })) }];
      case 'POST /subscriptions': {
        if (typeof body.url !== 'string' || !body.url.startsWith('http')) return [400, { code: 'proto.payload', message: 'url: must be an http(s) address' }];
        const existing = this.subscriptions.findIndex((s) => s.url === body.url);
        if (existing >= 0) this.subscriptions.splice(existing, 1);
        this.subscriptions.push({ url: body.url, secret: body.secret as string | undefined, update_types: (body.update_types as string[] | undefined) ?? [], time: Date.now() });
        return [200, { success: true }];
      }
      case 'DELETE /subscriptions': {
        const index = this.subscriptions.findIndex((s) => s.url === query.url);
        if (index >= 0) this.subscriptions.splice(index, 1);
        return [200, { success: index >= 0 }];
      }
      default:
        return [404, { code: 'not.found', message: `Method ${route} not found` }];
    }
  }

  /** The message whose button a callback came from. */
  private pressedMid(callbackId: string): string | undefined {
    const update = this.updates.map((u) => u.update).find((u) => (u.callback as { callback_id?: string } | undefined)?.callback_id === callbackId);
    return (update?.message as { body?: { mid?: string } } | undefined)?.body?.mid;
  }

  private async poll(marker: number, timeoutSeconds: number, limit: number): Promise<{ updates: MaxUpdate[]; marker: number }> {
    // Updates up to the marker were received: MAX forgets them.
    while (this.updates.length && this.updates[0]!.seq <= marker) this.updates.shift();
    if (this.updates.length === 0 && timeoutSeconds > 0) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, timeoutSeconds * 1000);
        this.waiters.add(wake);
      });
    }
    const batch = this.updates.filter((u) => u.seq > marker).slice(0, limit);
    return { updates: batch.map((u) => u.update), marker: batch.at(-1)?.seq ?? marker };
  }

  private async deliver(subscription: Subscription, update: MaxUpdate): Promise<void> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (subscription.secret) headers['x-max-bot-api-secret'] = subscription.secret;
    const status = await fetch(subscription.url, { method: 'POST', headers, body: JSON.stringify(update), signal: AbortSignal.timeout(30_000) })
      .then((r) => r.status)
      .catch(() => 'error' as const);
    this.webhookDeliveries.push({ url: subscription.url, secret: subscription.secret, status, update });
  }

  /** A sliding one-second window over every request but long polling. */
  private admit(): boolean {
    const now = Date.now();
    while (this.window.length && this.window[0]! <= now - 1000) this.window.shift();
    if (this.perSecond === false) return true;
    if (this.window.length >= this.perSecond) return false;
    this.window.push(now);
    return true;
  }

  private fault(route: string, userId: number): MaxFault | undefined {
    const rule = this.rules.find((r) => r.remaining > 0 && (r.route ? r.route === route : SENDING.has(route)) && (r.userId === undefined || r.userId === userId) && takesTurn(r));
    if (!rule) return undefined;
    rule.remaining -= 1;
    return rule.fault;
  }
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function createFakeMax(options: FakeMaxOptions = {}): Promise<FakeMax> {
  const fake = new FakeMax(options);
  await fake.listen();
  return fake;
}
