import type { Bot } from 'grammy';
import { LOCALES, translator } from '../../i18n/index.js';
import type { Logger } from '../../lib/logger.js';
import { COMMANDS } from '../../conversation/menu.js';

/**
 * Registers the command list in Russian (the default for every language) and in
 * English. A failure here is logged and the bot runs on: commands still work typed.
 */
export async function setCommands(bot: Bot, logger: Logger): Promise<void> {
  for (const lang of LOCALES) {
    const t = translator(lang);
    const commands = COMMANDS.map((command) => ({ command, description: t(`bot:commands.${command}`) }));
    try {
      await bot.api.setMyCommands(commands, lang === 'ru' ? {} : { language_code: lang });
    } catch (error) {
      logger.warn({ err: error, lang }, 'could not register the bot commands; the bot runs on without them');
    }
  }
}
