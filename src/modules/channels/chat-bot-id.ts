// A messenger chat is always reached through one bot; a caller that names none speaks for the
// messenger's default bot (the one the environment's token names).
import { DEFAULT_BOT_IDS } from '../bots/default-bots.js';

export function chatBotId(channel: 'telegram' | 'max', botId: string | undefined): string {
  return botId ?? DEFAULT_BOT_IDS[channel];
}
