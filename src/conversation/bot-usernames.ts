// Each configured bot's username, asked from its messenger once per process (not cached
// when it fails, so the next press asks again): "connect another messenger" links to it.
import { askBotUsername, isBotConfigured } from '../app/ask-bot-username.js';
import type { Config } from '../config/env.js';
import { CHAT_CHANNELS } from '../modules/notifications/choose-channels.js';
import type { BotUsernames } from './types.js';

export function configuredBotUsernames(config: Config): BotUsernames {
  const usernames: BotUsernames = {};
  for (const channel of CHAT_CHANNELS) {
    if (!isBotConfigured(config, channel)) continue;
    let asked: Promise<string | undefined> | undefined;
    usernames[channel] = () =>
      (asked ??= askBotUsername(config, channel).catch(() => {
        asked = undefined;
        return undefined;
      }));
  }
  return usernames;
}
