// The @username of each chat bot, for the deep links on consent forms and the settings page.
// Asked from the messenger itself, so a renamed bot never leaves forms with dead links.
import type { Config } from '../config/env.js';
import type { ChatChannel } from '../modules/notifications/choose-channels.js';

/** MAX's own API root when MAX_API_ROOT is not set (the one its SDK uses). */
const MAX_DEFAULT_API_ROOT = 'https://platform-api.max.ru';
const ASK_TIMEOUT_MS = 10_000;

/** Whether the bot of this messenger is configured at all (its token is set). */
export function isBotConfigured(config: Config, channel: ChatChannel): boolean {
  return Boolean(channel === 'max' ? config.max.token : config.telegram.token);
}

async function askMax(config: Config): Promise<string> {
  const root = (config.max.apiRoot ?? MAX_DEFAULT_API_ROOT).replace(/\/+$/, '');
  // MAX takes the token in the Authorization header only; query parameters are refused.
  const response = await fetch(`${root}/me`, { headers: { Authorization: config.max.token as string }, signal: AbortSignal.timeout(ASK_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`MAX answered GET /me with ${response.status}`);
  const me = (await response.json()) as { username?: unknown };
  if (typeof me.username !== 'string' || me.username === '') throw new Error('MAX answered GET /me without a username');
  return me.username;
}

async function askTelegram(config: Config): Promise<string> {
  // grammY is imported on first use: without a Telegram bot nothing needs it.
  const { Api } = await import('grammy');
  const api = new Api(config.telegram.token as string, config.telegram.apiRoot ? { apiRoot: config.telegram.apiRoot } : undefined);
  return (await api.getMe()).username;
}

/** The bot's username without "@"; throws when the bot is not configured or cannot be reached. */
export async function askBotUsername(config: Config, channel: ChatChannel): Promise<string> {
  if (!isBotConfigured(config, channel)) throw new Error(`the ${channel} bot is not configured`);
  return channel === 'max' ? askMax(config) : askTelegram(config);
}
