// Wire-format shapes of the fake Telegram Bot API server.
//
// These are deliberately small structural types of our own: grammY only
// exports its Bot API types through a transitive package, and the fake only
// needs the fields a school bot touches. The test suite checks that the update
// builders stay assignable to grammY's own `Update` type.

export type ChatId = number | string;

export interface FakeUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

/** What a test may override on the simulated user sending an update. */
export type UserOverrides = Partial<Omit<FakeUser, 'is_bot'>>;

export type FakeChat =
  | { id: number; type: 'private'; first_name: string; last_name?: string; username?: string }
  | { id: number; type: 'group' | 'supergroup'; title: string };

export interface FakeMessageEntity {
  /** Entities without extra fields; enough for commands and formatting. */
  type:
    | 'mention' | 'hashtag' | 'cashtag' | 'bot_command' | 'url' | 'email' | 'phone_number'
    | 'bold' | 'italic' | 'underline' | 'strikethrough' | 'spoiler' | 'blockquote' | 'code';
  offset: number;
  length: number;
}

/**
 * The two button kinds a school bot uses. Other kinds (web_app, login_url…)
 * pass through the fake untouched but are not modelled here, which keeps the
 * type assignable to grammY's own InlineKeyboardButton.
 */
export type InlineButton =
  | { text: string; callback_data: string; url?: undefined }
  | { text: string; url: string; callback_data?: undefined };

export interface FakeReplyMarkup {
  inline_keyboard?: InlineButton[][];
  keyboard?: unknown[][];
  remove_keyboard?: boolean;
  [field: string]: unknown;
}

/** Messages only ever carry inline keyboards. */
export interface FakeInlineKeyboardMarkup {
  inline_keyboard: InlineButton[][];
}

export interface FakeDocument {
  file_id: string;
  file_unique_id: string;
  file_name?: string;
  mime_type?: string;
  file_size?: number;
}

export interface FakeMessage {
  message_id: number;
  date: number;
  chat: FakeChat;
  from: FakeUser;
  text?: string;
  entities?: FakeMessageEntity[];
  caption?: string;
  document?: FakeDocument;
  reply_markup?: FakeInlineKeyboardMarkup;
  edit_date?: number;
}

export interface FakeCallbackQuery {
  id: string;
  from: FakeUser;
  chat_instance: string;
  data: string;
  message?: FakeMessage;
}

export interface FakeUpdate {
  update_id: number;
  message?: FakeMessage;
  callback_query?: FakeCallbackQuery;
}

/** A file part of a multipart/form-data request. */
export interface UploadedFile {
  /** Name of the form field that carried the bytes (grammY uses a random id). */
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface ApiErrorResponse {
  ok: false;
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

export type ApiResponse = { ok: true; result: unknown } | ApiErrorResponse;

export interface RecordedCall {
  readonly method: string;
  /** Decoded request parameters, whatever the transport encoding was. */
  readonly payload: Readonly<Record<string, unknown>>;
  /**
   * Uploaded files keyed by the parameter that referenced them
   * (`document` for `attach://…`), or by form field name when unreferenced.
   */
  readonly files: Readonly<Record<string, UploadedFile>>;
  /** Epoch milliseconds at which the request arrived. */
  readonly at: number;
  /** Set once the fake has answered; stays undefined for dropped connections. */
  readonly response?: ApiResponse;
}

/** A successful sendMessage / editMessageText, as seen by the chat. */
export interface SentMessage {
  method: 'sendMessage' | 'editMessageText';
  chat_id: ChatId;
  message_id: number;
  text: string;
  parse_mode?: string;
  reply_markup?: FakeReplyMarkup;
  at: number;
}

export type Fault =
  | {
      kind: 'error';
      errorCode: number;
      description: string;
      retryAfter?: number;
    }
  | { kind: 'delay'; ms: number }
  | { kind: 'drop-connection' }
  /** Never answered, never carried out: the client has to give up. */
  | { kind: 'hang' };

export interface FaultRule {
  /** Only calls of these methods; without it every method except getUpdates. */
  method?: string | readonly string[];
  /** Only calls whose `chat_id` equals this (compared as strings). */
  chatId?: ChatId;
  /** Apply to the next `times` matching calls; omitted means always. */
  times?: number;
  /**
   * Apply to this share of matching calls (0.02: one in fifty), spread evenly rather
   * than at random so a test sees the same calls hit every run.
   */
  fraction?: number;
  fault: Fault;
}

export interface FaultHandle {
  /** How many calls this rule has affected so far. */
  readonly hits: number;
  /** Calls it will still affect (Infinity for "always"). */
  readonly remaining: number;
  remove(): void;
}

export interface RateLimitOptions {
  /** Telegram's broadcast ceiling: messages per second across all chats. */
  globalPerSecond?: number;
  /** Telegram's advice for a single chat: one message per second. */
  perChatPerSecond?: number;
  /** Methods the limits count; defaults to sendMessage only. */
  methods?: readonly string[];
}

export interface FakeTelegramOptions {
  /** Username returned by getMe; grammY matches `/cmd@username` against it. */
  botUsername?: string;
  botFirstName?: string;
  /** Bot user id; defaults to the numeric prefix of `token`, else 1000001. */
  botId?: number;
  /** When set, requests carrying another token get 401 Unauthorized. */
  token?: string;
  /** Enforce Telegram's flood limits on sending methods (off by default). */
  rateLimit?: RateLimitOptions | boolean;
  /**
   * Reject HTML that Telegram would refuse to parse (unknown or unbalanced
   * tags, stray `<`). On by default so escaping bugs fail in tests rather
   * than in production; MarkdownV2 is not checked.
   */
  checkHtml?: boolean;
}

export interface FakeTelegramStats {
  /** 429 answers given by the rate-limit enforcer (not by fault rules). */
  readonly tooManyRequests: number;
}

export interface FakeTelegram {
  /** Pass as `new Bot(token, { client: { apiRoot } })`. */
  readonly apiRoot: string;
  readonly port: number;
  readonly botInfo: FakeUser;
  readonly calls: readonly RecordedCall[];
  readonly stats: FakeTelegramStats;
  /** URL from the last setWebhook, or undefined while polling is allowed. */
  readonly webhookUrl: string | undefined;

  callsOf(method: string): RecordedCall[];
  /** Successful sendMessage / editMessageText calls, oldest first. */
  sentMessages(chatId?: ChatId): SentMessage[];
  /** Updates queued and not yet confirmed through a getUpdates offset. */
  pendingUpdates(): number;

  sendText(chatId: number, text: string, from?: UserOverrides): FakeUpdate;
  sendCommand(
    chatId: number,
    command: string,
    args?: string,
    from?: UserOverrides,
  ): FakeUpdate;
  /**
   * Without `messageId` the query points at the newest bot message in the
   * chat whose inline keyboard carries `callbackData`.
   */
  pressButton(
    chatId: number,
    callbackData: string,
    messageId?: number,
    from?: UserOverrides,
  ): FakeUpdate;
  /** Queue any other update; `update_id` is assigned when missing. */
  pushUpdate(update: Record<string, unknown>): FakeUpdate;

  waitFor<T>(
    predicate: (calls: readonly RecordedCall[]) => T | undefined | null | false,
    timeoutMs?: number,
  ): Promise<T>;
  /**
   * Resolves with the next message to the chat (matching `predicate`) that no
   * earlier waitForMessage returned, so consecutive awaits walk the
   * conversation in order.
   */
  waitForMessage(
    chatId: ChatId,
    predicate?: (message: SentMessage) => boolean,
    timeoutMs?: number,
  ): Promise<SentMessage>;
  /** Resolves with the first answered call of `method` matching `predicate`. */
  waitForCall(
    method: string,
    predicate?: (call: RecordedCall) => boolean,
    timeoutMs?: number,
  ): Promise<RecordedCall>;

  addFault(rule: FaultRule): FaultHandle;
  clearFaults(): void;
  setRateLimit(options: RateLimitOptions | false): void;

  /** Forget calls, faults, queued updates and counters; keeps bot settings. */
  reset(): void;
  /** Stop the bot first: a polling bot would otherwise retry against a dead port. */
  close(): Promise<void>;
}
