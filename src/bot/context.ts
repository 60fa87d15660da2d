import type { Context } from 'grammy';
import type { Config } from '../config/env.js';
import type { PrismaClient } from '../db/prisma.js';
import type { Lang, Translate } from '../i18n/index.js';
import type { Logger } from '../lib/logger.js';
import type { ChatLinks } from '../modules/parent-views/index.js';

export interface BotDeps {
  config: Config;
  prisma: PrismaClient;
  logger: Logger;
  secret: string;
  /** The clock; tests and the benchmark pass their own. */
  now?: () => Date;
}

export interface BotFlavor {
  deps: BotDeps & { now: () => Date };
  /** Translator in the parent's language. */
  t: Translate;
  lang: Lang;
  /** What the chat is linked to; `guardians` is empty for a chat not yet registered. */
  links: ChatLinks;
}

export type BotContext = Context & BotFlavor;
