import type { NextFunction } from 'grammy';
import { pickLang, translator } from '../../i18n/index.js';
import { findChatLinks } from '../../modules/parent-views/index.js';
import type { BotContext } from '../context.js';

/** Loads what the chat is linked to, once per update; chats are identified by their id as the channel address. */
export async function loadLinks(ctx: BotContext, next: NextFunction): Promise<void> {
  const chatId = ctx.chat?.id ?? ctx.from?.id;
  ctx.links =
    chatId === undefined || ctx.chat?.type !== undefined && ctx.chat.type !== 'private'
      ? { chatId: String(chatId ?? ''), guardians: [], children: [] }
      : await findChatLinks(ctx.deps.prisma, String(chatId));
  await next();
}

/**
 * The parent's language: their own choice, else Telegram's language_code, else
 * the school's default (Russian when the chat is not linked to any school).
 */
export async function resolveLanguage(ctx: BotContext, next: NextFunction): Promise<void> {
  const guardian = ctx.links.guardians[0];
  ctx.lang = pickLang(guardian?.locale, ctx.from?.language_code, guardian?.schoolDefaultLocale);
  ctx.t = translator(ctx.lang);
  await next();
}
