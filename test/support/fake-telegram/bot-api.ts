// The Bot API methods the fake implements (getUpdates lives in the server,
// because it is the only one that answers asynchronously).
import type { ChatStore } from './chat-store.js';
import { unixNow } from './updates.js';
import type { UpdateQueue } from './update-queue.js';
import {
  MAX_CAPTION_LENGTH,
  MAX_TEXT_LENGTH,
  commandsError,
  replyMarkupError,
  textError,
} from './validation.js';
import type {
  ApiErrorResponse,
  ApiResponse,
  FakeChat,
  FakeDocument,
  FakeInlineKeyboardMarkup,
  FakeMessage,
  FakeReplyMarkup,
  FakeUser,
  UploadedFile,
} from './types.js';

export interface BotSettings {
  commands: Map<string, unknown[]>;
  menuButtons: Map<string, unknown>;
  webhook: { url: string; allowedUpdates?: unknown } | undefined;
  lastFileId: number;
}

export interface ApiContext {
  store: ChatStore;
  queue: UpdateQueue;
  settings: BotSettings;
  bot: FakeUser;
  checkHtml: boolean;
}

export interface MethodCall {
  payload: Record<string, unknown>;
  files: Record<string, UploadedFile>;
}

type Handler = (ctx: ApiContext, call: MethodCall) => ApiResponse;

export const ok = (result: unknown): ApiResponse => ({ ok: true, result });

export const fail = (errorCode: number, description: string): ApiErrorResponse => ({
  ok: false,
  error_code: errorCode,
  description,
});

export const METHOD_NOT_FOUND = fail(404, 'Not Found: method not found');

const handlers: Record<string, Handler> = {
  getMe: (ctx) => ok(ctx.bot),

  setMyCommands: (ctx, { payload }) => {
    const error = commandsError(payload.commands);
    if (error !== undefined) return fail(400, error);
    ctx.settings.commands.set(commandsKey(payload), payload.commands as unknown[]);
    return ok(true);
  },
  getMyCommands: (ctx, { payload }) => ok(ctx.settings.commands.get(commandsKey(payload)) ?? []),
  deleteMyCommands: (ctx, { payload }) => {
    ctx.settings.commands.delete(commandsKey(payload));
    return ok(true);
  },

  setWebhook: (ctx, { payload }) => {
    if (typeof payload.url !== 'string') return fail(400, 'Bad Request: bad webhook: URL is empty');
    if (payload.drop_pending_updates === true) ctx.queue.clear();
    // Telegram treats an empty URL as "remove the webhook".
    ctx.settings.webhook =
      payload.url === '' ? undefined : { url: payload.url, allowedUpdates: payload.allowed_updates };
    return ok(true);
  },
  deleteWebhook: (ctx, { payload }) => {
    if (payload.drop_pending_updates === true) ctx.queue.clear();
    ctx.settings.webhook = undefined;
    return ok(true);
  },
  getWebhookInfo: (ctx) =>
    ok({
      url: ctx.settings.webhook?.url ?? '',
      has_custom_certificate: false,
      pending_update_count: ctx.queue.size,
    }),

  setChatMenuButton: (ctx, { payload }) => {
    ctx.settings.menuButtons.set(String(payload.chat_id ?? 'default'), payload.menu_button ?? { type: 'default' });
    return ok(true);
  },
  getChatMenuButton: (ctx, { payload }) =>
    ok(ctx.settings.menuButtons.get(String(payload.chat_id ?? 'default')) ?? { type: 'default' }),

  sendMessage: (ctx, { payload }) => {
    const chat = resolveChat(ctx, payload.chat_id);
    if ('error_code' in chat) return chat;
    const error =
      textError(payload.text, payload.parse_mode, ctx.checkHtml, MAX_TEXT_LENGTH, 'Bad Request: message text is empty') ??
      replyMarkupError(payload.reply_markup);
    if (error !== undefined) return fail(400, error);
    const message = botMessage(ctx, chat, { text: payload.text as string }, payload.reply_markup);
    return ok(message);
  },

  sendDocument: (ctx, { payload, files }) => {
    const chat = resolveChat(ctx, payload.chat_id);
    if ('error_code' in chat) return chat;
    const upload = files.document;
    if (upload === undefined && typeof payload.document !== 'string') {
      return fail(400, 'Bad Request: there is no document in the request');
    }
    const error =
      textError(payload.caption, payload.parse_mode, ctx.checkHtml, MAX_CAPTION_LENGTH, undefined) ??
      replyMarkupError(payload.reply_markup);
    if (error !== undefined) return fail(400, error);
    ctx.settings.lastFileId += 1;
    const document: FakeDocument = {
      file_id: upload === undefined ? (payload.document as string) : `fake-document-${ctx.settings.lastFileId}`,
      file_unique_id: `fake-unique-${ctx.settings.lastFileId}`,
    };
    if (upload !== undefined) {
      document.file_name = upload.filename;
      document.mime_type = mimeType(upload);
      document.file_size = upload.data.length;
    }
    const content: Partial<FakeMessage> = { document };
    if (typeof payload.caption === 'string') content.caption = payload.caption;
    return ok(botMessage(ctx, chat, content, payload.reply_markup));
  },

  editMessageText: (ctx, { payload }) => {
    const error =
      textError(payload.text, payload.parse_mode, ctx.checkHtml, MAX_TEXT_LENGTH, 'Bad Request: message text is empty') ??
      replyMarkupError(payload.reply_markup);
    if (error !== undefined) return fail(400, error);
    // Inline-mode messages live outside any chat; Telegram answers `true`.
    if (payload.inline_message_id !== undefined) return ok(true);
    const message = editableMessage(ctx, payload);
    if ('error_code' in message) return message;
    const markup = inlineMarkup(payload.reply_markup);
    if (message.text === payload.text && sameMarkup(message.reply_markup, markup)) return notModified();
    message.text = payload.text as string;
    return ok(applyEdit(message, markup));
  },

  editMessageReplyMarkup: (ctx, { payload }) => {
    const error = replyMarkupError(payload.reply_markup);
    if (error !== undefined) return fail(400, error);
    if (payload.inline_message_id !== undefined) return ok(true);
    const message = editableMessage(ctx, payload);
    if ('error_code' in message) return message;
    const markup = inlineMarkup(payload.reply_markup);
    if (sameMarkup(message.reply_markup, markup)) return notModified();
    return ok(applyEdit(message, markup));
  },

  deleteMessage: (ctx, { payload }) => {
    const chat = resolveChat(ctx, payload.chat_id);
    if ('error_code' in chat) return chat;
    return ctx.store.delete(chat.id, payload.message_id)
      ? ok(true)
      : fail(400, 'Bad Request: message to delete not found');
  },

  // Lenient on purpose: webhook tests build callback queries the fake never issued.
  answerCallbackQuery: (_ctx, { payload }) =>
    typeof payload.callback_query_id === 'string' && payload.callback_query_id !== ''
      ? ok(true)
      : fail(400, 'Bad Request: query is too old and response timeout expired or query ID is invalid'),
};

const byLowerCase = new Map(Object.keys(handlers).map((name) => [name.toLowerCase(), name]));

/** Telegram matches method names case-insensitively. */
export function canonicalMethod(method: string): string {
  if (method.toLowerCase() === 'getupdates') return 'getUpdates';
  return byLowerCase.get(method.toLowerCase()) ?? method;
}

export function callMethod(ctx: ApiContext, method: string, call: MethodCall): ApiResponse {
  const handler = handlers[method];
  return handler === undefined ? METHOD_NOT_FOUND : handler(ctx, call);
}

function resolveChat(ctx: ApiContext, chatId: unknown): FakeChat | ApiErrorResponse {
  if (chatId === undefined || chatId === '') return fail(400, 'Bad Request: chat_id is empty');
  const id = typeof chatId === 'string' && /^-?\d+$/.test(chatId) ? Number(chatId) : chatId;
  // The fake knows no public @channels, so usernames never resolve.
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id === 0) {
    return fail(400, 'Bad Request: chat not found');
  }
  return ctx.store.chat(id);
}

function botMessage(
  ctx: ApiContext,
  chat: FakeChat,
  content: Partial<FakeMessage>,
  replyMarkup: unknown,
): FakeMessage {
  const message: FakeMessage = {
    message_id: ctx.store.nextMessageId(chat.id),
    date: unixNow(),
    chat,
    from: ctx.bot,
    ...content,
  };
  const markup = inlineMarkup(replyMarkup);
  if (markup !== undefined) message.reply_markup = markup;
  ctx.store.save(message);
  return message;
}

function editableMessage(ctx: ApiContext, payload: Record<string, unknown>): FakeMessage | ApiErrorResponse {
  const chat = resolveChat(ctx, payload.chat_id);
  if ('error_code' in chat) return chat;
  const message = ctx.store.find(chat.id, payload.message_id);
  if (message === undefined) return fail(400, 'Bad Request: message to edit not found');
  if (message.from.id !== ctx.bot.id) return fail(400, "Bad Request: message can't be edited");
  return message;
}

/** Editing without `reply_markup` removes the inline keyboard, as on Telegram. */
function applyEdit(message: FakeMessage, markup: FakeInlineKeyboardMarkup | undefined): FakeMessage {
  message.edit_date = unixNow();
  if (markup === undefined) delete message.reply_markup;
  else message.reply_markup = markup;
  return message;
}

function notModified(): ApiErrorResponse {
  return fail(
    400,
    'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
  );
}

/** Messages only carry inline keyboards; reply keyboards belong to the client. */
function inlineMarkup(markup: unknown): FakeInlineKeyboardMarkup | undefined {
  const rows = (markup as FakeReplyMarkup | undefined)?.inline_keyboard;
  return Array.isArray(rows) && rows.length > 0 ? { inline_keyboard: rows } : undefined;
}

function sameMarkup(a: FakeInlineKeyboardMarkup | undefined, b: FakeInlineKeyboardMarkup | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function commandsKey(payload: Record<string, unknown>): string {
  const scope = JSON.stringify(payload.scope ?? { type: 'default' });
  return `${scope}|${typeof payload.language_code === 'string' ? payload.language_code : ''}`;
}

const MIME_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  csv: 'text/csv',
  txt: 'text/plain',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  zip: 'application/zip',
};

/** grammY always sends application/octet-stream; Telegram sniffs the name. */
function mimeType(upload: UploadedFile): string {
  const ext = upload.filename.split('.').pop()?.toLowerCase() ?? '';
  return MIME_TYPES[ext] ?? upload.contentType;
}
