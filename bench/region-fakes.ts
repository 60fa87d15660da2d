// The region benchmark's messengers: one fake Telegram Bot API and one fake MAX Bot API on
// loopback, each serving many bots (Telegram by the token in /bot<token>/<method>, MAX by the
// Authorization header). Each bot has its own limit — a strict one-second sliding window of
// `perSecond` sends, and one send a second per chat — answered with 429 (and Telegram's
// retry_after) beyond it. Every accepted message is logged with its bot, chat, text and
// arrival time, so the bench counts throughput, duplicates and latency from what arrived.
// Lighter than test/support's fakes (one bot each, every call kept): 40,000 messages here.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Arrival {
  /** The bot's token key: `tg:<bot id>` or `max:<token>`. */
  bot: string;
  chat: string;
  text: string;
  at: number;
}

export interface RegionFake {
  apiRoot: string;
  arrivals: Arrival[];
  tooManyRequests(): number;
  /** The same text to the same chat through the same bot more than once. */
  duplicates(): number;
  /** Resolves with the arrival time of the first message to `chat` through `bot` whose text contains `needle`. */
  waitFor(bot: string, chat: string, needle: string): Promise<number>;
  close(): Promise<void>;
}

interface BotState {
  window: number[];
  lastPerChat: Map<string, number>;
}

class Limits {
  private readonly bots = new Map<string, BotState>();
  tooMany = 0;
  constructor(private readonly perSecond: number) {}

  /** undefined when admitted, else seconds to wait. */
  admit(bot: string, chat: string | undefined, now: number): number | undefined {
    let state = this.bots.get(bot);
    if (!state) this.bots.set(bot, (state = { window: [], lastPerChat: new Map() }));
    while (state.window.length && state.window[0]! <= now - 1000) state.window.shift();
    const chatLast = chat === undefined ? undefined : state.lastPerChat.get(chat);
    if (state.window.length >= this.perSecond) {
      this.tooMany += 1;
      return Math.max(1, Math.ceil((state.window[0]! + 1000 - now) / 1000));
    }
    if (chatLast !== undefined && now - chatLast < 1000) {
      this.tooMany += 1;
      return 1;
    }
    state.window.push(now);
    if (chat !== undefined) state.lastPerChat.set(chat, now);
    return undefined;
  }
}

function createLog(): Pick<RegionFake, 'arrivals' | 'duplicates' | 'waitFor'> & { add(a: Arrival): void } {
  const arrivals: Arrival[] = [];
  const seen = new Map<string, number>();
  const waiters = new Map<string, Array<{ needle: string; resolve: (at: number) => void }>>();
  return {
    arrivals,
    add(a) {
      arrivals.push(a);
      const key = `${a.bot}|${a.chat}|${a.text}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
      const list = waiters.get(`${a.bot}|${a.chat}`);
      if (list) for (const w of list.filter((x) => a.text.includes(x.needle))) {
        list.splice(list.indexOf(w), 1);
        w.resolve(a.at);
      }
    },
    duplicates: () => [...seen.values()].reduce((sum, n) => sum + n - 1, 0),
    waitFor(bot, chat, needle) {
      const found = arrivals.find((a) => a.bot === bot && a.chat === chat && a.text.includes(needle));
      if (found) return Promise.resolve(found.at);
      return new Promise((resolve) => {
        const key = `${bot}|${chat}`;
        waiters.set(key, [...(waiters.get(key) ?? []), { needle, resolve }]);
      });
    },
  };
}

async function readJson(req: IncomingMessage, url: URL): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  const fromQuery = Object.fromEntries(url.searchParams);
  if (!raw) return fromQuery;
  if ((req.headers['content-type'] ?? '').includes('json')) return { ...fromQuery, ...(JSON.parse(raw) as Record<string, unknown>) };
  return { ...fromQuery, ...Object.fromEntries(new URLSearchParams(raw)) };
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const closer = (server: Server, holds: Set<() => void>) => async () => {
  for (const wake of holds) wake();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
};

/** Long polls are held, then answered empty: nobody writes to the bots in this bench. */
function hold(holds: Set<() => void>, seconds: number): Promise<void> {
  return new Promise((resolve) => {
    const wake = () => {
      clearTimeout(timer);
      holds.delete(wake);
      resolve();
    };
    const timer = setTimeout(wake, Math.min(seconds, 30) * 1000);
    holds.add(wake);
  });
}

const SENDS = new Set(['sendMessage', 'editMessageText', 'editMessageReplyMarkup', 'answerCallbackQuery', 'sendDocument']);

export async function createRegionTelegram(perSecond: number): Promise<RegionFake> {
  const limits = new Limits(perSecond);
  const log = createLog();
  const holds = new Set<() => void>();
  let messageId = 0;
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const route = /^\/bot(\d+):([^/]+)\/([^/]+)$/.exec(url.pathname);
      if (!route) return reply(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
      const [, id, , method] = route;
      const bot = `tg:${id}`;
      const payload = await readJson(req, url);
      if (method === 'getMe') return reply(res, 200, { ok: true, result: { id: Number(id), is_bot: true, first_name: `Школа ${id}`, username: `school_${id}_bot` } });
      if (method === 'getUpdates') {
        await hold(holds, Number(payload.timeout ?? 0));
        return reply(res, 200, { ok: true, result: [] });
      }
      if (!SENDS.has(method!)) return reply(res, 200, { ok: true, result: true });
      const chat = payload.chat_id === undefined ? undefined : String(payload.chat_id);
      const now = Date.now();
      const wait = limits.admit(bot, chat, now);
      if (wait !== undefined) return reply(res, 429, { ok: false, error_code: 429, description: `Too Many Requests: retry after ${wait}`, parameters: { retry_after: wait } });
      const text = String(payload.text ?? '');
      if (method === 'sendMessage' && chat) log.add({ bot, chat, text, at: now });
      messageId += 1;
      reply(res, 200, { ok: true, result: { message_id: messageId, date: Math.floor(now / 1000), chat: { id: Number(chat), type: 'private', first_name: 'Родитель' }, text } });
    })().catch(() => reply(res, 500, { ok: false, error_code: 500, description: 'Internal Server Error' }));
  });
  const apiRoot = await listen(server);
  return { apiRoot, ...log, tooManyRequests: () => limits.tooMany, close: closer(server, holds) };
}

/** MAX's bot ids for GET /me: a stable number per token. */
export const maxBotUserId = (token: string): number => 9_100_000 + [...token].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 800_000, 7);

export async function createRegionMax(perSecond: number): Promise<RegionFake> {
  const limits = new Limits(perSecond);
  const log = createLog();
  const holds = new Set<() => void>();
  let mid = 0;
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const token = req.headers.authorization;
      if (!token) return reply(res, 401, { code: 'verify.token', message: 'Invalid access_token' });
      const bot = `max:${token}`;
      const route = `${req.method} ${url.pathname.replace(/\/+$/, '')}`;
      const body = await readJson(req, url);
      if (route === 'GET /updates') {
        await hold(holds, Number(url.searchParams.get('timeout') ?? 30));
        return reply(res, 200, { updates: [], marker: 0 });
      }
      const chat = route === 'POST /messages' ? (url.searchParams.get('user_id') ?? undefined) : undefined;
      // MAX counts every request but long polling against the bot's rate.
      const now = Date.now();
      if (limits.admit(bot, chat, now) !== undefined) return reply(res, 429, { code: 'too.many.requests', message: 'Too many requests' });
      const me = { user_id: maxBotUserId(token), name: 'Школа', first_name: 'Школа', username: `school_${maxBotUserId(token)}_bot`, is_bot: true, last_activity_time: now };
      if (route === 'GET /me') return reply(res, 200, me);
      if (route !== 'POST /messages' || !chat) return reply(res, 200, { success: true });
      const text = String(body.text ?? '');
      log.add({ bot, chat, text, at: now });
      mid += 1;
      reply(res, 200, { message: { sender: me, recipient: { chat_id: Number(chat) + 1_000_000_000, chat_type: 'dialog', user_id: Number(chat) }, timestamp: now, body: { mid: `mid.${mid}`, seq: mid, text, attachments: [] } } });
    })().catch(() => reply(res, 500, { code: 'internal', message: 'Internal error' }));
  });
  const apiRoot = await listen(server);
  return { apiRoot, ...log, tooManyRequests: () => limits.tooMany, close: closer(server, holds) };
}
