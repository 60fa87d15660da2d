// Registration: a parent sends the code from the signed consent form (or opens the QR deep
// link), confirms whose child it is, and the chat becomes that guardian's channel in this
// messenger. /stop withdraws the consent. Domain rules live in modules/consent.
import type { Translate } from '../../i18n/index.js';
import { CHAT_LINK_PREFIX } from '../../modules/channels/create-chat-link.js';
import { redeemChatLink } from '../../modules/channels/redeem-chat-link.js';
import { looksLikeCode, normaliseCode } from '../../modules/consent/normalise-code.js';
import { previewCode, type CodePreview } from '../../modules/consent/preview-code.js';
import { redeemCode, type RedeemResult } from '../../modules/consent/redeem-code.js';
import { withdrawConsent } from '../../modules/consent/withdraw-consent.js';
import { Keyboard } from '../keyboard.js';
import { answer, say, sendView, showScreen } from '../reply.js';
import type { Router } from '../router.js';
import type { Turn } from '../types.js';

const CONFIRM = 'reg:ok:';
const CANCEL = 'reg:no';
const STOP_CONFIRM = 'stop:ok';
const STOP_CANCEL = 'stop:no';

function answerFor(t: Translate, result: Exclude<CodePreview | RedeemResult, { kind: 'ready' | 'redeemed' | 'student-linked' }>): string {
  switch (result.kind) {
    case 'needs-consent':
      return t('consent:bot.studentNeedsConsent');
    case 'parent-chat':
      return t('consent:bot.studentCodeInParentChat', { child: result.child.childName });
    case 'rate-limited':
      return t('consent:bot.rateLimited', { minutes: result.retryInMinutes });
    case 'not-registered':
      return t('consent:bot.notRegistered', { child: result.child.childName, class: result.child.className });
    case 'already-linked':
      return t('consent:bot.alreadyLinked', { child: result.child.childName, class: result.child.className, school: result.child.schoolName });
    case 'channel-not-offered':
      return t('consent:bot.channelNotOffered', {
        school: result.child.schoolName,
        channels: result.offered.map((c) => t(`consent:bot.channelNames.${c}`)).join(t('consent:bot.or')),
      });
    case 'invalid':
      return t('consent:bot.invalid');
  }
}

/** The messenger chat of a turn (codes and links are opened in a messenger, not on the web page). */
const chatOf = (turn: Turn) => ({ chatId: turn.chat.chatId, botId: turn.chat.botId, channel: turn.chat.channel === 'web' ? ('telegram' as never) : turn.chat.channel });

async function offerCode(turn: Turn, text: string): Promise<void> {
  const { t } = turn;
  const result = await previewCode(turn.deps, { ...chatOf(turn), text, now: turn.deps.now() });
  if (result.kind !== 'ready') return say(turn, answerFor(t, result));
  const keyboard = new Keyboard().text(t('consent:bot.confirmYes'), `${CONFIRM}${result.code}`).text(t('consent:bot.confirmNo'), CANCEL);
  const confirm = result.forStudent ? 'consent:bot.studentConfirm' : 'consent:bot.confirm';
  await sendView(turn, [t(confirm, { school: result.child.schoolName, class: result.child.className, child: result.child.childName })], keyboard);
}

/** "Connect another messenger": the link from the other chat's settings. */
async function linkChat(turn: Turn, payload: string): Promise<void> {
  const { t } = turn;
  const result = await redeemChatLink(turn.deps.prisma, turn.deps.secret, { payload, ...chatOf(turn), locale: turn.lang, now: turn.deps.now() });
  if (result.kind === 'invalid') return say(turn, t('consent:bot.chatLinkInvalid'));
  turn.deps.logger.info({ guardians: result.guardianIds.length, channel: turn.chat.channel }, 'another messenger linked by a one-time link');
  const kept = result.keptChat && result.keptChat !== turn.chat.channel ? result.keptChat : null;
  await say(turn, kept ? t('consent:bot.chatLinked', { kept: t(`consent:bot.channelNames.${kept}`) }) : t('consent:bot.chatLinkedHere'));
}

export function registrationFeature(router: Router): void {
  // Codes and consent are personal: they are handled in the parent's private chat only.
  const privateOnly = (handler: (turn: Turn, match: readonly (string | undefined)[], next: () => Promise<void>) => Promise<unknown>) =>
    (turn: Turn, match: readonly (string | undefined)[], next: () => Promise<void>) => (turn.chat.isPrivate && turn.chat.channel !== 'web' ? handler(turn, match, next) : next());
  // Withdrawal works everywhere the family is signed in, the web page included.
  const signedIn = (handler: (turn: Turn) => Promise<unknown>) => (turn: Turn, _match: unknown, next: () => Promise<void>) => (turn.chat.isPrivate ? handler(turn) : next());

  router.command('start', privateOnly(async (turn, match, next) => {
    const payload = (match[1] ?? '').trim();
    if (payload.startsWith(CHAT_LINK_PREFIX)) return linkChat(turn, payload);
    if (payload) return offerCode(turn, payload);
    // A bare start from a registered chat belongs to the main menu.
    if (turn.links.guardians.length > 0 || turn.links.student) return next();
    return say(turn, turn.t('consent:bot.askCode'));
  }));

  router.text(privateOnly(async (turn, match, next) => {
    const text = match[0] ?? '';
    if (!looksLikeCode(text)) return next();
    return offerCode(turn, text);
  }));

  router.button(new RegExp(`^${CONFIRM}([0-9A-Z]+)$`), privateOnly(async (turn, match) => {
    const { t } = turn;
    await answer(turn);
    const code = normaliseCode(match[1] ?? '');
    if (!code) return showScreen(turn, [t('consent:bot.expiredButton')]);
    const result = await redeemCode(turn.deps, { ...chatOf(turn), text: code, locale: turn.lang, now: turn.deps.now() });
    if (result.kind === 'redeemed') {
      turn.deps.logger.info({ guardianId: result.guardianId, channel: turn.chat.channel }, 'chat linked to a guardian by a consent code');
      return showScreen(turn, [t('consent:bot.linked', { child: result.child.childName, class: result.child.className, school: result.child.schoolName })]);
    }
    if (result.kind === 'student-linked') {
      turn.deps.logger.info({ channel: turn.chat.channel }, "chat linked as a student's own account by a student code");
      return showScreen(turn, [t('consent:bot.studentLinked', { child: result.child.childName, class: result.child.className, school: result.child.schoolName })]);
    }
    return showScreen(turn, [answerFor(t, result)]);
  }));

  router.button(CANCEL, privateOnly(async (turn) => {
    await answer(turn);
    return showScreen(turn, [turn.t('consent:bot.cancelled')]);
  }));

  const askToStop = signedIn(async (turn) => {
    const { t } = turn;
    const guardians = turn.links.guardians;
    if (guardians.length === 0) return say(turn, t('consent:bot.stopNothing'));
    await answer(turn);
    await sendView(turn, [t('consent:bot.stopConfirm')], new Keyboard().text(t('consent:bot.stopYes'), STOP_CONFIRM).text(t('consent:bot.stopNo'), STOP_CANCEL));
  });
  router.command('stop', askToStop);
  // The same question from the consent screen's button.
  router.button('stop:ask', askToStop);

  router.button(STOP_CONFIRM, signedIn(async (turn) => {
    const { t } = turn;
    await answer(turn);
    const guardians = turn.links.guardians;
    if (guardians.length === 0) return showScreen(turn, [t('consent:bot.stopNothing')]);
    for (const guardian of guardians) {
      await withdrawConsent(turn.deps.prisma, { schoolId: guardian.schoolId, guardianId: guardian.id, actor: { type: 'guardian', id: guardian.id }, now: turn.deps.now() });
    }
    turn.deps.logger.info({ guardians: guardians.length, channel: turn.chat.channel }, 'consent withdrawn from the bot');
    // The last message this chat gets from us: the reply to its own request.
    return showScreen(turn, [t('consent:bot.stopped')]);
  }));

  router.button(STOP_CANCEL, signedIn(async (turn) => {
    await answer(turn);
    return showScreen(turn, [turn.t('consent:bot.stopKept')]);
  }));
}
