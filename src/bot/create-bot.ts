// The parent bot: one Composer per feature, installed behind one error boundary.
import { autoRetry } from '@grammyjs/auto-retry';
import { sequentialize } from '@grammyjs/runner';
import { Bot } from 'grammy';
import type { BotContext, BotDeps } from './context.js';
import { createAcknowledgeMessageFeature } from './features/acknowledge-message.js';
import { createChildrenFeature } from './features/children.js';
import { createFallbackFeature } from './features/fallback.js';
import { createFinalFeature } from './features/final.js';
import { createForecastFeature } from './features/forecast.js';
import { createHelpFeature } from './features/help.js';
import { createHolidaysFeature } from './features/holidays.js';
import { createHomeworkFeature } from './features/homework.js';
import { createMarksFeature } from './features/marks.js';
import { createNotesFeature } from './features/notes.js';
import { createRegistrationFeature } from './features/registration.js';
import { createScheduleFeature } from './features/schedule.js';
import { createSettingsFeature } from './features/settings.js';
import { createTeachersFeature } from './features/teachers.js';
import { createTestsFeature } from './features/tests.js';
import { createErrorHandler } from './handle-error.js';
import { countUpdates } from './middleware/count-updates.js';
import { loadLinks, resolveLanguage } from './middleware/load-links.js';
import { rejectIllFormedText } from './middleware/reject-ill-formed-text.js';

export type { BotContext, BotDeps };

export function createBot(deps: BotDeps): Bot<BotContext> {
  const token = deps.config.telegram.token;
  if (!token) throw new Error('TELEGRAM_BOT_TOKEN is not set');
  const bot = new Bot<BotContext>(token, { client: { apiRoot: deps.config.telegram.apiRoot ?? 'https://api.telegram.org' } });
  const now = deps.now ?? (() => new Date());

  // Outgoing calls wait out 429 (retry_after) and retry network errors with backoff.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 60, rethrowInternalServerErrors: false, rethrowHttpErrors: false }));

  // Concurrent across chats, in order within one chat (the runner hands updates out in parallel).
  bot.use(countUpdates('telegram'));
  bot.use(sequentialize((ctx) => (ctx.chat?.id ?? ctx.from?.id)?.toString()));
  bot.use((ctx, next) => {
    ctx.deps = { ...deps, now };
    return next();
  });

  // Last resort for anything outside the boundary below; the boundary handles features.
  const onError = createErrorHandler(deps.logger, deps.secret);
  bot.catch(onError);
  const features = bot.errorBoundary(onError);
  features.use(loadLinks, resolveLanguage, rejectIllFormedText);
  features.use(createRegistrationFeature({ prisma: deps.prisma, secret: deps.secret, logger: deps.logger, now }));
  features.use(
    createAcknowledgeMessageFeature(),
    createChildrenFeature(),
    createMarksFeature(),
    createForecastFeature(),
    createFinalFeature(),
    createHomeworkFeature(),
    createScheduleFeature(),
    createTestsFeature(),
    createTeachersFeature(),
    createHolidaysFeature(),
    createNotesFeature(),
    createSettingsFeature(),
    createHelpFeature(),
    createFallbackFeature(),
  );
  return bot;
}
