// The deployment's default bots, the ones TELEGRAM_BOT_TOKEN and MAX_BOT_TOKEN name, serve
// every school that registered none of its own. They are rows of `bots` too (with no school
// and no stored token), so every chat channel and every outbox message names the bot it
// goes through and claims can be partitioned by bot.
import type { ChatChannel } from '../notifications/choose-channels.js';

export const DEFAULT_BOT_IDS: Readonly<Record<ChatChannel, string>> = {
  telegram: '00000000-0000-4000-8000-000000000001',
  max: '00000000-0000-4000-8000-000000000002',
};

export function isDefaultBot(botId: string): boolean {
  return botId === DEFAULT_BOT_IDS.telegram || botId === DEFAULT_BOT_IDS.max;
}
