// The parent conversation, written once for every messenger: one feature per module,
// installed in order behind one error boundary. Adapters turn their updates into
// (chat, input) and give an Outbound; everything else happens here.
import { pickLang, translator } from '../i18n/index.js';
import { findIllFormedText } from '../lib/well-formed-text.js';
import { processMetrics } from '../metrics/metrics.js';
import { findChatLinks, findGuardianLinks } from '../modules/parent-views/index.js';
import { findStudentLink } from '../modules/parent-views/find-student-link.js';
import { configuredBotUsernames } from './bot-usernames.js';
import { acknowledgeMessageFeature } from './features/acknowledge-message.js';
import { calendarFeature } from './features/calendar.js';
import { childrenFeature } from './features/children.js';
import { consentFeature } from './features/consent.js';
import { fallbackFeature } from './features/fallback.js';
import { finalFeature } from './features/final.js';
import { forecastFeature } from './features/forecast.js';
import { helpFeature } from './features/help.js';
import { holidaysFeature } from './features/holidays.js';
import { homeworkFeature } from './features/homework.js';
import { marksFeature } from './features/marks.js';
import { messagesFeature } from './features/messages.js';
import { messengersFeature } from './features/messengers.js';
import { notesFeature } from './features/notes.js';
import { registrationFeature } from './features/registration.js';
import { scheduleFeature } from './features/schedule.js';
import { settingsFeature } from './features/settings.js';
import { studentAccountsFeature } from './features/student-accounts.js';
import { studentGuardFeature } from './features/student-guard.js';
import { teachersFeature } from './features/teachers.js';
import { testsFeature } from './features/tests.js';
import { webLinkFeature } from './features/web-link.js';
import { turnLogFields } from './log-fields.js';
import type { Feature } from './open-view.js';
import { answer } from './reply.js';
import { Router } from './router.js';
import type { ChatRef, ConversationDeps, Inbound, Outbound, Turn } from './types.js';

/** In order: a student's chat is kept to its views, registration sees codes first, the fallback sees what nothing else took. */
const FEATURES: readonly Feature[] = [
  studentGuardFeature,
  registrationFeature,
  acknowledgeMessageFeature,
  childrenFeature,
  marksFeature,
  forecastFeature,
  finalFeature,
  homeworkFeature,
  scheduleFeature,
  testsFeature,
  teachersFeature,
  holidaysFeature,
  notesFeature,
  messagesFeature,
  messengersFeature,
  calendarFeature,
  consentFeature,
  studentAccountsFeature,
  settingsFeature,
  webLinkFeature,
  helpFeature,
  fallbackFeature,
];

export interface Conversation {
  handle(chat: ChatRef, input: Inbound, out: Outbound): Promise<void>;
}

function inputText(input: Inbound): Record<string, string> {
  if (input.kind === 'command') return { text: input.args };
  if (input.kind === 'text') return { text: input.text };
  return { data: input.payload };
}

export function createConversation(deps: ConversationDeps): Conversation {
  const router = new Router();
  for (const feature of FEATURES) feature(router);
  const now = deps.now ?? (() => new Date());
  const full = { ...deps, now, botUsernames: deps.botUsernames ?? configuredBotUsernames(deps.config) };
  const counters = { telegram: processMetrics().botUpdates.labels({ channel: 'telegram' }), max: processMetrics().botUpdates.labels({ channel: 'max' }), web: processMetrics().botUpdates.labels({ channel: 'web' }) };

  async function handle(chat: ChatRef, input: Inbound, out: Outbound): Promise<void> {
    counters[chat.channel].inc();
    const early = translator(pickLang(chat.languageCode));
    const turn: Turn = { deps: full, chat, input, out, links: { chatId: chat.chatId, guardians: [], children: [] }, lang: pickLang(chat.languageCode), t: early };
    try {
      if (chat.channel === 'web') turn.links = await findGuardianLinks(deps.prisma, chat.guardianIds ?? [], chat.chatId);
      else if (chat.isPrivate) turn.links = await findChatLinks(deps.prisma, chat.chatId, chat.channel, chat.botId);
      // A chat no guardian speaks through may be a student's own account.
      if (turn.links.guardians.length === 0 && chat.isPrivate) {
        if (chat.channel !== 'web') turn.links = await findStudentLink(deps.prisma, chat.chatId, chat.channel, chat.chatId, chat.botId);
        else if (chat.studentSession) turn.links = await findStudentLink(deps.prisma, chat.chatId, 'web');
      }
      // The parent's own choice, else the messenger's language, else the school's default.
      const guardian = turn.links.guardians[0];
      turn.lang = pickLang(guardian?.locale, chat.languageCode, guardian?.schoolDefaultLocale ?? turn.links.student?.schoolDefaultLocale);
      turn.t = translator(turn.lang);
      // What the parent typed or pressed must be text we can store and search by.
      if (findIllFormedText(inputText(input))) {
        deps.logger.info(turnLogFields(chat, input, deps.secret), 'ignored a message with ill-formed text');
        if (input.kind === 'button') return await answer(turn, turn.t('input:illFormed.bot'), true);
        return await out.send({ body: [turn.t('input:illFormed.bot')] });
      }
      await router.route(turn);
    } catch (error) {
      // The error boundary: logged with what kind of input it was (never its text or
      // sender), the parent gets a polite message, and the bot carries on.
      deps.logger.error({ err: error, ...turnLogFields(chat, input, deps.secret) }, 'bot update failed');
      try {
        await answer(turn);
        await out.send({ body: [turn.t('bot:errors.internal')] });
      } catch (replyError) {
        deps.logger.warn({ err: replyError, ...turnLogFields(chat, input, deps.secret) }, 'could not tell the parent about a failed update');
      }
    }
  }
  return { handle };
}
