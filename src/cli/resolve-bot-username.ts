import type { Config } from '../config/env.js';
import { askBotUsername, isBotConfigured } from '../app/ask-bot-username.js';
import type { Translate } from '../i18n/index.js';
import { AppError } from '../lib/app-error.js';
import type { ChatLink } from '../modules/consent/render-consent-forms-pdf.js';
import { isChatChannel, type ChatChannel } from '../modules/notifications/choose-channels.js';

const OPTION: Record<ChatChannel, string> = { telegram: '--bot-username', max: '--max-bot-username' };
const VARIABLE: Record<ChatChannel, string> = { telegram: 'TELEGRAM_BOT_TOKEN', max: 'MAX_BOT_TOKEN' };
// Telegram: 5–32 letters, digits and underscores, starting with a letter. MAX publishes no
// rule; its nicknames seen so far are Latin letters, digits and underscores.
const USERNAME: Record<ChatChannel, RegExp> = { telegram: /^[A-Za-z][A-Za-z0-9_]{4,31}$/, max: /^[A-Za-z0-9_]{2,64}$/ };

/** One bot's username: given on the command line, else asked from its messenger. */
async function resolveOne(config: Config, channel: ChatChannel, given: string | undefined, t: Translate): Promise<string> {
  if (given !== undefined) {
    const name = given.trim().replace(/^@/, '');
    if (!USERNAME[channel].test(name)) throw new AppError('INVALID_INPUT', `"${given}" is not a ${channel} bot username`, { field: OPTION[channel] });
    return name;
  }
  const messenger = t(`consent:form.messenger.${channel}`);
  if (!isBotConfigured(config, channel)) {
    throw new AppError('INVALID_INPUT', t('consent:cli.needBotUsername', { messenger, variable: VARIABLE[channel], option: OPTION[channel] }), { field: OPTION[channel] });
  }
  try {
    return await askBotUsername(config, channel);
  } catch (error) {
    throw new AppError('UNAVAILABLE', t('consent:cli.botUnreachable', { messenger, error: (error as Error).message, option: OPTION[channel] }), { field: OPTION[channel] });
  }
}

/**
 * The bot of every chat messenger the school offers, in its order, for the deep links on
 * the forms. A messenger whose bot is unknown stops the command: a form without its link
 * would send families to a messenger they cannot connect through.
 */
export async function resolveChatLinks(config: Config, offered: readonly string[], given: Partial<Record<ChatChannel, string>>, t: Translate): Promise<ChatLink[]> {
  const links: ChatLink[] = [];
  for (const channel of offered.filter(isChatChannel)) links.push({ channel, botUsername: await resolveOne(config, channel, given[channel], t) });
  return links;
}
