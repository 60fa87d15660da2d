// A push service on loopback: it hands out browser subscriptions (real P-256 keys and auth
// secrets), checks every push's VAPID JWT, decrypts its payload, and answers as told.
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createBrowserKeys, decryptAes128gcm, type BrowserKeys } from './decrypt-aes128gcm.js';
import { verifyVapid, type VapidClaims } from './verify-vapid.js';

export interface FakeSubscription {
  id: string;
  endpoint: string;
  /** What PushSubscription.toJSON().keys gives a page. */
  p256dh: string;
  auth: string;
}

export interface ReceivedPush {
  subscriptionId: string;
  /** The decrypted payload, parsed. */
  payload: unknown;
  claims: VapidClaims;
  vapidPublicKey: string;
  ttl: string | undefined;
  urgency: string | undefined;
}

export interface FakeAnswer {
  status: number;
  headers?: Record<string, string>;
}

export interface FakePushService {
  origin: string;
  subscribe(): FakeSubscription;
  /** Accepted pushes, decrypted. */
  received: ReceivedPush[];
  /** Pushes refused because the JWT or the encryption was wrong, with why. */
  rejected: string[];
  /** Answers for the next pushes to this subscription (after the checks), then 201 again. */
  answer(subscriptionId: string, ...answers: FakeAnswer[]): void;
  close(): Promise<void>;
}

const readBody = (request: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });

export async function startFakePushService(options: { now?: () => number } = {}): Promise<FakePushService> {
  const now = options.now ?? Date.now;
  const keys = new Map<string, BrowserKeys>();
  const answers = new Map<string, FakeAnswer[]>();
  const received: ReceivedPush[] = [];
  const rejected: string[] = [];
  let origin = '';

  const server = createServer((request, response) => {
    void (async () => {
      const body = await readBody(request);
      const id = /^\/push\/([\w-]+)$/.exec(request.url ?? '')?.[1];
      const browser = id ? keys.get(id) : undefined;
      if (request.method !== 'POST' || !id || !browser) return response.writeHead(404).end();
      try {
        const { claims, publicKey } = verifyVapid(request.headers.authorization, origin, now());
        if (request.headers['content-encoding'] !== 'aes128gcm') throw new Error(`Content-Encoding ${request.headers['content-encoding']}`);
        if (!request.headers.ttl) throw new Error('no TTL header');
        const text = decryptAes128gcm(body, browser);
        const queued = answers.get(id)?.shift();
        if (queued && queued.status !== 201) return response.writeHead(queued.status, queued.headers).end();
        received.push({ subscriptionId: id, payload: JSON.parse(text), claims, vapidPublicKey: publicKey, ttl: request.headers.ttl as string, urgency: request.headers.urgency as string | undefined });
        response.writeHead(201, { Location: `${origin}/message/${randomUUID()}` }).end();
      } catch (error) {
        rejected.push((error as Error).message);
        response.writeHead(403).end((error as Error).message);
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    received,
    rejected,
    subscribe() {
      const id = randomUUID();
      const browser = createBrowserKeys(randomBytes(16));
      keys.set(id, browser);
      return { id, endpoint: `${origin}/push/${id}`, p256dh: browser.ecdh.getPublicKey().toString('base64url'), auth: browser.auth.toString('base64url') };
    },
    answer(subscriptionId, ...list) {
      answers.set(subscriptionId, [...(answers.get(subscriptionId) ?? []), ...list]);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
