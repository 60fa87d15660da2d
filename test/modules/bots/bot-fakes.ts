// Several fake bots behind one API root, as the real messengers are: one fake Telegram and one
// fake MAX server per token, and a loopback front that routes each request by its token
// (Telegram: the /bot<token>/ path; MAX: the Authorization header). A token no fake holds
// gets the messenger's own 401, so "the messenger did not accept this token" is tested over HTTP.
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFakeTelegram, type FakeTelegram } from '../../support/fake-telegram.js';
import { createFakeMax, type FakeMax } from '../../support/fake-max/server.js';

export interface BotFakes {
  telegramRoot: string;
  maxRoot: string;
  /** A Telegram bot answering getMe as @username with id `id`; its token is `${id}:…`. */
  addTelegram(id: number, username: string): Promise<{ token: string; fake: FakeTelegram }>;
  addMax(userId: number, username: string): Promise<{ token: string; fake: FakeMax }>;
  close(): Promise<void>;
}

function forward(req: IncomingMessage, res: ServerResponse, root: string, path: string): void {
  const target = new URL(path, root);
  const upstream = request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', () => res.writeHead(502).end());
  req.pipe(upstream);
}

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ root: string; close(): Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { root: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export async function createBotFakes(): Promise<BotFakes> {
  const telegrams = new Map<string, FakeTelegram>();
  const maxes = new Map<string, FakeMax>();
  const telegramFront = await listen((req, res) => {
    const match = /^\/bot([^/]+)(\/.*)$/.exec(req.url ?? '');
    const fake = match ? telegrams.get(decodeURIComponent(match[1] ?? '')) : undefined;
    if (!fake) return void res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error_code: 401, description: 'Unauthorized' }));
    forward(req, res, fake.apiRoot, req.url ?? '/');
  });
  const maxFront = await listen((req, res) => {
    const fake = maxes.get(String(req.headers.authorization ?? ''));
    if (!fake) return void res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'verify.token', message: 'Invalid access_token' }));
    forward(req, res, fake.apiRoot, req.url ?? '/');
  });
  return {
    telegramRoot: telegramFront.root,
    maxRoot: maxFront.root,
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
      await Promise.all([telegramFront.close(), maxFront.close(), ...[...telegrams.values()].map((f) => f.close()), ...[...maxes.values()].map((f) => f.close())]);
    },
  };
}
