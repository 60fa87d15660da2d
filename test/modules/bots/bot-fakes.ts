// Several fake bots behind one API root, as the real messengers are: one fake Telegram and one
// fake MAX server per token, and a loopback front that routes each request by its token
// (Telegram: the /bot<token>/ path; MAX: the Authorization header). A token no fake holds
// gets the messenger's own 401, so "the messenger did not accept this token" is tested over HTTP.
// Each front records the long polls through it, so a test sees who polled which bot when.
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFakeTelegram, type FakeTelegram } from '../../support/fake-telegram.js';
import { createFakeMax, type FakeMax } from '../../support/fake-max/server.js';

/** A long poll (getUpdates, GET /updates) as the front saw it: which front, which token, when. */
export interface PollSpan {
  front: string;
  token: string;
  start: number;
  /** Set when the answer went out or the client gave up. */
  end?: number;
}

export interface BotFronts {
  telegramRoot: string;
  maxRoot: string;
}

export interface BotFakes extends BotFronts {
  /** Every long poll through any front, oldest first. */
  polls: PollSpan[];
  /** Another pair of fronts to the same fakes, so a test tells its processes' requests apart. */
  front(name: string): Promise<BotFronts>;
  /** A Telegram bot answering getMe as @username with id `id`; its token is `${id}:…`. */
  addTelegram(id: number, username: string): Promise<{ token: string; fake: FakeTelegram }>;
  addMax(userId: number, username: string): Promise<{ token: string; fake: FakeMax }>;
  close(): Promise<void>;
}

function forward(req: IncomingMessage, res: ServerResponse, root: string, path: string, span?: PollSpan): void {
  const target = new URL(path, root);
  const upstream = request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502);
    res.end();
  });
  // A client giving up (a poller stopped) ends its request at the fake too, as with the real API.
  res.on('finish', () => {
    if (span) span.end ??= Date.now();
  });
  res.on('close', () => {
    if (span) span.end ??= Date.now();
    if (!res.writableFinished) upstream.destroy();
  });
  req.pipe(upstream);
}

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ root: string; close(): Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return { root: `http://127.0.0.1:${port}`, close };
}

export async function createBotFakes(): Promise<BotFakes> {
  const telegrams = new Map<string, FakeTelegram>();
  const maxes = new Map<string, FakeMax>();
  const polls: PollSpan[] = [];
  const servers: Array<{ close(): Promise<void> }> = [];
  const span = (front: string, token: string, isPoll: boolean): PollSpan | undefined => {
    if (!isPoll) return undefined;
    const poll: PollSpan = { front, token, start: Date.now() };
    polls.push(poll);
    return poll;
  };
  async function front(name: string): Promise<BotFronts> {
    const telegramFront = await listen((req, res) => {
      const match = /^\/bot([^/]+)(\/[^?]*)/.exec(req.url ?? '');
      const token = decodeURIComponent(match?.[1] ?? '');
      const fake = match ? telegrams.get(token) : undefined;
      if (!fake) return void res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error_code: 401, description: 'Unauthorized' }));
      forward(req, res, fake.apiRoot, req.url ?? '/', span(name, token, /^\/getUpdates$/i.test(match?.[2] ?? '')));
    });
    const maxFront = await listen((req, res) => {
      const token = String(req.headers.authorization ?? '');
      const fake = maxes.get(token);
      if (!fake) return void res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'verify.token', message: 'Invalid access_token' }));
      forward(req, res, fake.apiRoot, req.url ?? '/', span(name, token, req.method === 'GET' && /^\/updates(\?|$)/.test(req.url ?? '')));
    });
    servers.push(telegramFront, maxFront);
    return { telegramRoot: telegramFront.root, maxRoot: maxFront.root };
  }
  const main = await front('main');
  return {
    ...main,
    polls,
    front,
    async addTelegram(id, username) {
      const token = `${id}:AAH${username.replace(/[^\w]/g, '').padEnd(12, 'x')}${telegrams.size}`;
      const fake = await createFakeTelegram({ token, botId: id, botUsername: username });
      telegrams.set(token, fake);
      return { token, fake };
    },
    async addMax(userId, username) {
      const token = `max-token-${username}-${userId}-${maxes.size}`;
      const fake = await createFakeMax({ token, botUsername: username });
      // The fake names every bot alike; a region has a different MAX bot per school.
      (fake.bot as { user_id: number }).user_id = userId;
      maxes.set(token, fake);
      return { token, fake };
    },
    async close() {
      await Promise.all([...servers.map((f) => f.close()), ...[...telegrams.values()].map((f) => f.close()), ...[...maxes.values()].map((f) => f.close())]);
    },
  };
}
