// A real bot (createBot + grammY runner) against the fake Bot API over loopback HTTP,
// on a cloned test database.
import type { RunnerHandle } from '@grammyjs/runner';
import type { Bot } from 'grammy';
import { createTelegramBot } from '../../../src/channels/telegram/create-telegram-bot.js';
import { startPolling } from '../../../src/channels/telegram/run-telegram.js';
import type { AppContext } from '../../../src/app/app-context.js';
import { createLogger, type Logger } from '../../../src/lib/logger.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { testContext, TEST_SECRET } from '../../support/context.js';
import { createFakeTelegram, type FakeTelegram, type SentMessage } from '../../support/fake-telegram.js';

export const TOKEN = '123456:TEST-token-abcdefgh';

export interface LogEntry {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface BotHarness {
  db: TestDatabase;
  telegram: FakeTelegram;
  ctx: AppContext;
  bot: Bot;
  logs: LogEntry[];
  /** Sends a command and resolves with the bot's next message to the chat. */
  ask(chatId: number, command: string, language?: string): Promise<SentMessage>;
  press(chatId: number, data: string, language?: string): Promise<SentMessage>;
  /** How many messages the chat has received so far, to wait for the ones after. */
  mark(chatId: number): number;
  /** The first message to the chat after `mark` that matches. */
  next(chatId: number, mark: number, predicate?: (m: SentMessage) => boolean): Promise<SentMessage>;
  close(): Promise<void>;
}

/** The service's logger (redaction included) writing into an array, so tests can check what was logged. */
export function memoryLogger(entries: LogEntry[]): Logger {
  return createLogger('info', {}, { write: (line: string) => void entries.push(JSON.parse(line) as LogEntry) });
}

export async function startBotHarness(options: { env?: NodeJS.ProcessEnv; polling?: boolean; beforeStart?: (telegram: FakeTelegram) => void } = {}): Promise<BotHarness> {
  const db = await createTestDatabase();
  const telegram = await createFakeTelegram({ token: TOKEN });
  const logs: LogEntry[] = [];
  const logger = memoryLogger(logs);
  const base = testContext(db, { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: telegram.apiRoot, ...options.env });
  const ctx: AppContext = { ...base, logger };
  const bot = createTelegramBot({ config: ctx.config, prisma: db.prisma, logger, secret: TEST_SECRET });
  let handle: RunnerHandle | undefined;
  options.beforeStart?.(telegram);
  if (options.polling !== false) handle = await startPolling(bot, logger);
  else await bot.init();
  const from = (language?: string) => (language ? { language_code: language } : undefined);
  const mark = (chatId: number) => telegram.sentMessages(chatId).length;
  const next = (chatId: number, after: number, predicate?: (m: SentMessage) => boolean) =>
    telegram.waitFor(() => telegram.sentMessages(chatId).slice(after).find((m) => !predicate || predicate(m)));
  return {
    db,
    telegram,
    ctx,
    bot,
    logs,
    async ask(chatId, command, language) {
      const [name, ...args] = command.split(' ');
      const before = mark(chatId);
      telegram.sendCommand(chatId, name!, args.join(' ') || undefined, from(language));
      return next(chatId, before);
    },
    async press(chatId, data, language) {
      const before = mark(chatId);
      telegram.pressButton(chatId, data, undefined, from(language));
      return next(chatId, before);
    },
    mark,
    next,
    async close() {
      if (handle?.isRunning()) await handle.stop();
      await telegram.close();
      await db.drop();
    },
  };
}
