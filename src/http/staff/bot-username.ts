import type { AppContext } from '../../app/app-context.js';

let cached: Promise<string | null> | undefined;

/**
 * The bot's @username for the deep links on consent forms, asked from Telegram once per
 * process. Null when no bot is configured or Telegram cannot be reached; the caller then
 * prints a plain code sheet instead of forms with links.
 */
export function botUsername(ctx: AppContext): Promise<string | null> {
  const { token, apiRoot } = ctx.config.telegram;
  if (!token) return Promise.resolve(null);
  // grammY is imported on first use: without a bot the web role never needs it.
  cached ??= import('grammy')
    .then(({ Api }) => new Api(token, apiRoot ? { apiRoot } : undefined).getMe())
    .then((me) => me.username)
    .catch((error: unknown) => {
      ctx.logger.warn({ err: error }, 'could not ask Telegram for the bot username');
      cached = undefined;
      return null;
    });
  return cached;
}
