// The fake's fault controls that delivery tests lean on: a share of calls, and requests
// that never answer.
import { Api, GrammyError, HttpError } from 'grammy';
import { createFakeTelegram, faults, type FakeTelegram } from './fake-telegram.js';

let telegram: FakeTelegram;

beforeAll(async () => {
  telegram = await createFakeTelegram();
});
afterAll(async () => {
  await telegram.close();
});
beforeEach(() => telegram.reset());

const outcome = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: unknown) => (error instanceof GrammyError ? String(error.error_code) : error instanceof HttpError ? 'network' : 'other'),
  );

describe('fake Telegram faults', () => {
  test('a fault with a fraction hits that share of matching calls, evenly spread', async () => {
    const api = new Api('1:TEST-TOKEN-abcdef', { apiRoot: telegram.apiRoot });
    telegram.addFault({ method: 'sendMessage', fraction: 0.25, fault: faults.serverError() });
    const results = [];
    for (let i = 0; i < 8; i += 1) results.push(await outcome(api.sendMessage(42, `message ${i}`)));
    expect(results).toEqual(['ok', 'ok', 'ok', '500', 'ok', 'ok', 'ok', '500']);
  });

  test('a hung request is never answered nor carried out; the client gives up at its timeout', async () => {
    const api = new Api('1:TEST-TOKEN-abcdef', { apiRoot: telegram.apiRoot, timeoutSeconds: 1 });
    telegram.addFault({ method: 'sendMessage', times: 1, fault: faults.hang() });
    expect(await outcome(api.sendMessage(42, 'lost'))).toBe('network');
    expect(await outcome(api.sendMessage(42, 'next'))).toBe('ok');
    expect(telegram.sentMessages(42).map((m) => m.text)).toEqual(['next']);
    expect(telegram.callsOf('sendMessage')[0]?.response).toBeUndefined();
  });
});
