import type { AppContext } from '../../app/app-context.js';
import { askBotUsername, isBotConfigured } from '../../app/ask-bot-username.js';
import type { ChatChannel } from '../../modules/notifications/choose-channels.js';

const cached = new Map<ChatChannel, Promise<string | null>>();

/**
 * A chat bot's username for the deep links on consent forms, asked from its messenger once
 * per process. Null when that bot is not configured or cannot be reached (not cached, so
 * the next download asks again); the caller then says so instead of printing dead links.
 */
export function botUsername(ctx: AppContext, channel: ChatChannel = 'telegram'): Promise<string | null> {
  if (!isBotConfigured(ctx.config, channel)) return Promise.resolve(null);
  let asked = cached.get(channel);
  if (!asked) {
    asked = askBotUsername(ctx.config, channel).catch((error: unknown) => {
      ctx.logger.warn({ err: error, channel }, 'could not ask the messenger for the bot username');
      cached.delete(channel);
      return null;
    });
    cached.set(channel, asked);
  }
  return asked;
}
