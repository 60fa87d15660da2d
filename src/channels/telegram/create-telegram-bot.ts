// The Telegram adapter: grammY delivers updates, each becomes a turn of the one
// conversation. Nothing parent-facing is decided here.
import { autoRetry } from '@grammyjs/auto-retry';
import { sequentialize } from '@grammyjs/runner';
import { Bot, type Context } from 'grammy';
import { createConversation, type Conversation } from '../../conversation/create-conversation.js';
import type { ChatRef, ConversationDeps, Inbound } from '../../conversation/types.js';
import { DEFAULT_BOT_IDS } from '../../modules/bots/default-bots.js';
import type { BotRef } from '../../modules/bots/types.js';
import { createTelegramOutbound } from './telegram-outbound.js';

export interface TelegramBotDeps extends ConversationDeps {
  /** The bot this instance is (a school's own or the default); unset: the default bot of TELEGRAM_BOT_TOKEN. */
  bot?: Pick<BotRef, 'id' | 'token'>;
  /**
   * Polling: true for an update this bot has not handled yet. A poller that takes the bot
   * over is given again the last batch its predecessor fetched and never confirmed.
   */
  claim?: (updateId: number) => Promise<boolean>;
}

const COMMAND = /^\/([A-Za-z0-9_]{1,64})(?:@[A-Za-z0-9_]+)?(?:\s+([\s\S]*))?$/;

/** What the parent did, in the conversation's terms; undefined for updates it does not handle. */
export function telegramInput(ctx: Context): Inbound | undefined {
  if (ctx.callbackQuery) return ctx.callbackQuery.data !== undefined ? { kind: 'button', payload: ctx.callbackQuery.data } : undefined;
  const msg = ctx.message;
  if (!msg) return undefined;
  const text = msg.text ?? msg.caption ?? '';
  const command = msg.text ? COMMAND.exec(msg.text) : null;
  if (command) return { kind: 'command', command: command[1]!.toLowerCase(), args: (command[2] ?? '').trim() };
  return { kind: 'text', text };
}

export function telegramChat(ctx: Context, botId: string = DEFAULT_BOT_IDS.telegram): ChatRef | undefined {
  const id = ctx.chat?.id ?? ctx.from?.id;
  if (id === undefined) return undefined;
  return {
    channel: 'telegram',
    chatId: String(id),
    botId,
    isPrivate: (ctx.chat?.type ?? 'private') === 'private',
    languageCode: ctx.from?.language_code,
    updateId: String(ctx.update.update_id),
  };
}

export function createTelegramBot(deps: TelegramBotDeps, conversation: Conversation = createConversation(deps)): Bot {
  const token = deps.bot?.token ?? deps.config.telegram.token;
  if (!token) throw new Error('TELEGRAM_BOT_TOKEN is not set');
  const botId = deps.bot?.id ?? DEFAULT_BOT_IDS.telegram;
  const bot = new Bot(token, { client: { apiRoot: deps.config.telegram.apiRoot ?? 'https://api.telegram.org' } });
  // Outgoing calls wait out 429 (retry_after) and retry network errors with backoff.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 60, rethrowInternalServerErrors: false, rethrowHttpErrors: false }));
  const claim = deps.claim;
  if (claim) {
    bot.use(async (ctx, next) => {
      if (await claim(ctx.update.update_id)) await next();
      else deps.logger.info({ updateId: ctx.update.update_id, botId }, 'telegram update already handled; dropped');
    });
  }
  // Concurrent across chats, in order within one chat (the runner hands updates out in parallel).
  bot.use(sequentialize((ctx) => (ctx.chat?.id ?? ctx.from?.id)?.toString()));
  bot.use(async (ctx) => {
    const chat = telegramChat(ctx, botId);
    const input = telegramInput(ctx);
    if (chat && input) await conversation.handle(chat, input, createTelegramOutbound(ctx));
  });
  // The conversation has its own boundary; this one catches what happens around it.
  bot.catch((error) => deps.logger.error({ err: error.error, updateId: error.ctx.update.update_id }, 'telegram update failed outside the conversation'));
  return bot;
}
