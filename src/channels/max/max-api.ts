// The official MAX SDK's API object, with a deadline on every request it makes.
//
// The SDK passes an AbortSignal through only where a method takes one (sending a message
// does; GET /me does not), so its fetch is wrapped: a request without a signal of its own
// is given up after `timeoutMs`, and no call to MAX can hold a lane or a probe forever.
import { Bot, type Api } from '@maxhub/max-bot-api';

export type MaxApi = Api;

export function createMaxApi(token: string, apiRoot: string | undefined, timeoutMs: number): MaxApi {
  const timed: typeof fetch = (input, init) => fetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(timeoutMs) });
  return new Bot(token, { clientOptions: { ...(apiRoot ? { baseUrl: apiRoot } : {}), fetch: timed } }).api;
}
