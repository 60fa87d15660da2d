// Readiness of the Telegram channel, and the check of a school's token before it is saved:
// the Bot API answers getMe for the token, naming the bot it belongs to.
import { Api } from 'grammy';
import type { BotIdentity } from '../../modules/bots/types.js';

export async function probeTelegram(token: string, apiRoot: string | undefined, timeoutMs: number): Promise<BotIdentity> {
  const api = new Api(token, apiRoot ? { apiRoot } : undefined);
  // grammY types its signal with its own AbortSignal polyfill; the platform's is what it uses.
  const me = await api.getMe(AbortSignal.timeout(timeoutMs) as Parameters<typeof api.getMe>[0]);
  return { externalId: String(me.id), username: me.username || null };
}
