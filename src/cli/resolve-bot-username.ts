import type { Config } from '../config/env.js';
import { askBotUsername, isBotConfigured } from '../app/ask-bot-username.js';
import type { PrismaClient } from '../db/prisma.js';
import type { Translate } from '../i18n/index.js';
import { AppError } from '../lib/app-error.js';
import { resolveSchoolBotLinks } from '../modules/bots/resolve-school-bot-links.js';
import type { ChatLink } from '../modules/consent/render-consent-forms-pdf.js';
import { isChatChannel, type ChatChannel } from '../modules/notifications/choose-channels.js';

const OPTION: Record<ChatChannel, string> = { telegram: '--bot-username', max: '--max-bot-username' };
const VARIABLE: Record<ChatChannel, string> = { telegram: 'TELEGRAM_BOT_TOKEN', max: 'MAX_BOT_TOKEN' };
// Telegram: 5–32 letters, digits and underscores, starting with a letter. MAX publishes no
// rule; its nicknames seen so far are Latin letters, digits and underscores.
const USERNAME: Record<ChatChannel, RegExp> = { telegram: /^[A-Za-z][A-Za-z0-9_]{4,31}$/, max: /^[A-Za-z0-9_]{2,64}$/ };

/** The default bot's username: asked from its messenger, or why it cannot be. */
async function askDefault(config: Config, channel: ChatChannel, t: Translate): Promise<string> {
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

function checkGiven(channel: ChatChannel, given: string): string {
  const name = given.trim().replace(/^@/, '');
  if (!USERNAME[channel].test(name)) throw new AppError('INVALID_INPUT', `"${given}" is not a ${channel} bot username`, { field: OPTION[channel] });
  return name;
}

/**
 * The bot of every chat messenger the school offers, in its order, for the deep links on
 * the forms: the one given on the command line, else the school's own bot, else the default
 * bot asked from its messenger. A messenger whose bot is unknown stops the command: a form
 * without its link would send families to a messenger they cannot connect through.
 */
export async function resolveChatLinks(
  config: Config,
  prisma: PrismaClient,
  school: { id: string; chatChannels: readonly string[] },
  given: Partial<Record<ChatChannel, string>>,
  t: Translate,
): Promise<ChatLink[]> {
  const offered = school.chatChannels.filter(isChatChannel);
  const checked = new Map(offered.flatMap((c) => (given[c] === undefined ? [] : [[c, checkGiven(c, given[c])] as const])));
  const asked = offered.filter((c) => !checked.has(c));
  // A failure to ask the default bot is kept to throw in the messenger's turn, with its own message.
  const failures = new Map<ChatChannel, unknown>();
  const found = await resolveSchoolBotLinks(prisma, school.id, asked, (channel) =>
    askDefault(config, channel, t).catch((error: unknown) => {
      failures.set(channel, error);
      return null;
    }),
  );
  const links: ChatLink[] = [];
  for (const channel of offered) {
    const name = checked.get(channel) ?? found.find((f) => f.channel === channel)?.botUsername;
    if (failures.has(channel)) throw failures.get(channel);
    if (!name) throw new AppError('INVALID_INPUT', t('consent:cli.ownBotNoUsername', { messenger: t(`consent:form.messenger.${channel}`), option: OPTION[channel] }), { field: OPTION[channel] });
    links.push({ channel, botUsername: name });
  }
  return links;
}
