// A fake Telegram Bot API server on loopback. Tests run real grammY bots
// against it over HTTP instead of mocking grammY's transport:
//
//   const telegram = await createFakeTelegram();
//   const bot = new Bot('123:TEST', { client: { apiRoot: telegram.apiRoot } });
//   void bot.start();
//   telegram.sendCommand(42, '/start');
//   const reply = await telegram.waitForMessage(42);
//   await bot.stop();
//   await telegram.close();
export { createFakeTelegram } from './fake-telegram/server.js';
export { faults } from './fake-telegram/faults.js';
export {
  inlineButtons,
  makeCallbackQueryUpdate,
  makeCommandUpdate,
  makeTextUpdate,
  type CallbackQueryOptions,
  type UpdateOptions,
} from './fake-telegram/updates.js';
export type {
  ApiErrorResponse,
  ApiResponse,
  ChatId,
  FakeCallbackQuery,
  FakeChat,
  FakeDocument,
  FakeMessage,
  FakeMessageEntity,
  FakeReplyMarkup,
  FakeTelegram,
  FakeTelegramOptions,
  FakeTelegramStats,
  FakeUpdate,
  FakeUser,
  Fault,
  FaultHandle,
  FaultRule,
  InlineButton,
  RateLimitOptions,
  RecordedCall,
  SentMessage,
  UploadedFile,
  UserOverrides,
} from './fake-telegram/types.js';
