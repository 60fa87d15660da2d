import type { Api } from '@maxhub/max-bot-api';
import { COMMANDS } from '../../conversation/menu.js';
import { translator } from '../../i18n/index.js';
import type { Logger } from '../../lib/logger.js';

/** The command list MAX shows in the bot's menu, in Russian; a failure is logged and the bot runs on. */
export async function setMaxCommands(api: Api, logger: Logger): Promise<void> {
  const t = translator('ru');
  try {
    await api.setMyCommands(COMMANDS.map((name) => ({ name, description: t(`bot:commands.${name}`) })));
  } catch (error) {
    logger.warn({ err: error }, 'could not register the MAX bot commands; the bot runs on without them');
  }
}
