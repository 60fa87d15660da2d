// Builders for the updates a parent produces. They are exported on their own
// so webhook-mode tests can POST an update to the bot without going through
// the fake's long-polling queue.
import type {
  FakeChat,
  FakeMessage,
  FakeReplyMarkup,
  FakeUpdate,
  FakeUser,
  InlineButton,
  UserOverrides,
} from './types.js';

export interface UpdateOptions {
  /** Defaults to a process-wide counter, so standalone updates never collide. */
  updateId?: number;
  messageId?: number;
  from?: UserOverrides;
  /** Unix seconds; defaults to now. */
  date?: number;
}

export interface CallbackQueryOptions extends UpdateOptions {
  /** The bot message carrying the button; a minimal one is made up otherwise. */
  message?: FakeMessage;
  /** Author of the made-up message; defaults to the fake's default bot. */
  bot?: FakeUser;
  callbackQueryId?: string;
}

/** Same identity createFakeTelegram() reports from getMe by default. */
export const DEFAULT_BOT_USER: FakeUser = {
  id: 1_000_001,
  is_bot: true,
  first_name: 'Vestnik Test',
  username: 'vestnik_test_bot',
};

let standaloneUpdateId = 1;
let standaloneMessageId = 1;
let standaloneCallbackId = 1;

export function unixNow(): number {
  return Math.floor(Date.now() / 1000);
}

/** Parents are Russian-speaking by default; the chat doubles as the user id. */
export function makeUser(chatId: number, overrides: UserOverrides = {}): FakeUser {
  return {
    id: chatId > 0 ? chatId : 1,
    is_bot: false,
    first_name: 'Test',
    last_name: 'Parent',
    language_code: 'ru',
    ...overrides,
  };
}

/** Chat ids follow Telegram's ranges: positive private, -100… supergroups. */
export function makeChat(chatId: number, user?: FakeUser): FakeChat {
  if (chatId > 0) {
    return {
      id: chatId,
      type: 'private',
      first_name: user?.first_name ?? 'Test',
      ...(user?.last_name === undefined ? {} : { last_name: user.last_name }),
      ...(user?.username === undefined ? {} : { username: user.username }),
    };
  }
  const type = chatId <= -1_000_000_000_000 ? 'supergroup' : 'group';
  return { id: chatId, type, title: `Test ${type} ${chatId}` };
}

export function makeTextUpdate(
  chatId: number,
  text: string,
  options: UpdateOptions = {},
): FakeUpdate {
  const from = makeUser(chatId, options.from);
  return {
    update_id: options.updateId ?? standaloneUpdateId++,
    message: {
      message_id: options.messageId ?? standaloneMessageId++,
      date: options.date ?? unixNow(),
      chat: makeChat(chatId, from),
      from,
      text,
    },
  };
}

/**
 * `/start` with the `bot_command` entity grammY's `bot.command()` matches on;
 * `args` becomes `ctx.match` (deep-link payloads such as consent codes).
 */
export function makeCommandUpdate(
  chatId: number,
  command: string,
  args?: string,
  options: UpdateOptions = {},
): FakeUpdate {
  const name = command.startsWith('/') ? command : `/${command}`;
  const text = args === undefined || args === '' ? name : `${name} ${args}`;
  const update = makeTextUpdate(chatId, text, options);
  if (update.message) update.message.entities = [{ type: 'bot_command', offset: 0, length: name.length }];
  return update;
}

export function makeCallbackQueryUpdate(
  chatId: number,
  callbackData: string,
  options: CallbackQueryOptions = {},
): FakeUpdate {
  const from = makeUser(chatId, options.from);
  const message: FakeMessage = options.message ?? {
    message_id: options.messageId ?? standaloneMessageId++,
    date: options.date ?? unixNow(),
    chat: makeChat(chatId, from),
    from: options.bot ?? DEFAULT_BOT_USER,
    text: '',
  };
  return {
    update_id: options.updateId ?? standaloneUpdateId++,
    callback_query: {
      id: options.callbackQueryId ?? `cbq-${standaloneCallbackId++}`,
      from,
      chat_instance: String(chatId),
      data: callbackData,
      message,
    },
  };
}

/** All inline buttons of a message or markup, row by row, for easy lookup. */
export function inlineButtons(
  source: { reply_markup?: FakeReplyMarkup } | FakeReplyMarkup | undefined,
): InlineButton[] {
  const markup: FakeReplyMarkup | undefined =
    source !== undefined && 'reply_markup' in source
      ? (source.reply_markup as FakeReplyMarkup | undefined)
      : (source as FakeReplyMarkup | undefined);
  return markup?.inline_keyboard?.flat() ?? [];
}
