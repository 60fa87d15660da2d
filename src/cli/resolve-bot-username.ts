import type { Config } from '../config/env.js';
import { AppError } from '../lib/app-error.js';

/** The bot's @username for deep links: given on the command line, else asked from Telegram. */
export async function resolveBotUsername(config: Config, given: string | undefined, missingMessage: string): Promise<string> {
  if (given !== undefined) {
    const name = given.trim().replace(/^@/, '');
    // Telegram usernames: 5–32 characters, letters, digits and underscores, starting with a letter.
    if (!/^[A-Za-z][A-Za-z0-9_]{4,31}$/.test(name)) throw new AppError('INVALID_INPUT', `"${given}" is not a Telegram bot username`, { field: '--bot-username' });
    return name;
  }
  if (!config.telegram.token) throw new AppError('INVALID_INPUT', missingMessage, { field: '--bot-username' });
  // grammY only when Telegram is asked: `codes --help` and CSV-only runs never load it.
  const { Api } = await import('grammy');
  const api = new Api(config.telegram.token, config.telegram.apiRoot ? { apiRoot: config.telegram.apiRoot } : undefined);
  const me = await api.getMe();
  return me.username;
}
