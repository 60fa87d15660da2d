// Readiness of the Telegram channel: the Bot API answers getMe for our token.
import { Api } from 'grammy';

export async function probeTelegram(token: string, apiRoot: string | undefined, timeoutMs: number): Promise<void> {
  const api = new Api(token, apiRoot ? { apiRoot } : undefined);
  // grammY types its signal with its own AbortSignal polyfill; the platform's is what it uses.
  await api.getMe(AbortSignal.timeout(timeoutMs) as Parameters<typeof api.getMe>[0]);
}
