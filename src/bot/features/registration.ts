// Registration in the bot: a parent sends the code from the signed consent form (or opens
// the QR deep link), confirms whose child it is, and the chat becomes that guardian's
// Telegram channel. /stop withdraws the consent. Domain rules live in modules/consent.
import { Composer, InlineKeyboard, type Context } from 'grammy';
import type { PrismaClient } from '../../db/prisma.js';
import { pickLang, translator, type Lang, type Translate } from '../../i18n/index.js';
import type { Logger } from '../../lib/logger.js';
import { findGuardiansOfChat } from '../../modules/consent/find-guardians-of-chat.js';
import { looksLikeCode, normaliseCode } from '../../modules/consent/normalise-code.js';
import { previewCode, type CodePreview } from '../../modules/consent/preview-code.js';
import { redeemCode, type RedeemResult } from '../../modules/consent/redeem-code.js';
import { withdrawConsent } from '../../modules/consent/withdraw-consent.js';

export interface RegistrationDeps {
  prisma: PrismaClient;
  secret: string;
  logger: Logger;
  /** The clock; tests pass their own. */
  now?: () => Date;
}

const CONFIRM = 'reg:ok:';
const CANCEL = 'reg:no';
const STOP_CONFIRM = 'stop:ok';
const STOP_CANCEL = 'stop:no';

/** The bot's i18n middleware may already have chosen a language; else Telegram's. */
function langOf(ctx: Context): Lang {
  const chosen = (ctx as Context & { lang?: unknown }).lang;
  return pickLang(typeof chosen === 'string' ? chosen : undefined, ctx.from?.language_code);
}

function answerFor(t: Translate, result: Exclude<CodePreview | RedeemResult, { kind: 'ready' | 'redeemed' }>): string {
  switch (result.kind) {
    case 'rate-limited':
      return t('consent:bot.rateLimited', { minutes: result.retryInMinutes });
    case 'not-registered':
      return t('consent:bot.notRegistered', { child: result.child.childName, class: result.child.className });
    case 'already-linked':
      return t('consent:bot.alreadyLinked', { child: result.child.childName, class: result.child.className, school: result.child.schoolName });
    case 'invalid':
      return t('consent:bot.invalid');
  }
}

export function createRegistrationFeature(deps: RegistrationDeps): Composer<Context> {
  const now = deps.now ?? (() => new Date());
  const composer = new Composer<Context>();
  // Codes and consent are personal: they are handled in the parent's private chat only.
  const chat = composer.chatType('private');

  const offerCode = async (ctx: Context, text: string) => {
    const t = translator(langOf(ctx));
    const result = await previewCode(deps, { chatId: String(ctx.chat!.id), text, now: now() });
    if (result.kind !== 'ready') return ctx.reply(answerFor(t, result));
    const keyboard = new InlineKeyboard().text(t('consent:bot.confirmYes'), `${CONFIRM}${result.code}`).text(t('consent:bot.confirmNo'), CANCEL);
    return ctx.reply(
      t('consent:bot.confirm', { school: result.child.schoolName, class: result.child.className, child: result.child.childName }),
      { reply_markup: keyboard },
    );
  };

  chat.command('start', async (ctx, next) => {
    const payload = ctx.match.trim();
    if (payload) return offerCode(ctx, payload);
    // A bare /start from a registered chat belongs to the main menu.
    if ((await findGuardiansOfChat(deps.prisma, String(ctx.chat.id))).length > 0) return next();
    return ctx.reply(translator(langOf(ctx))('consent:bot.askCode'));
  });

  chat.on('message:text', async (ctx, next) => {
    const text = ctx.message.text;
    if (text.startsWith('/') || !looksLikeCode(text)) return next();
    return offerCode(ctx, text);
  });

  chat.callbackQuery(new RegExp(`^${CONFIRM}([0-9A-Z]+)$`), async (ctx) => {
    const t = translator(langOf(ctx));
    await ctx.answerCallbackQuery();
    const code = normaliseCode(ctx.match[1] ?? '');
    if (!code) return ctx.editMessageText(t('consent:bot.expiredButton'));
    const result = await redeemCode(deps, { chatId: String(ctx.chat.id), text: code, locale: langOf(ctx), now: now() });
    if (result.kind === 'redeemed') {
      deps.logger.info({ guardianId: result.guardianId }, 'chat linked to a guardian by a consent code');
      return ctx.editMessageText(t('consent:bot.linked', { child: result.child.childName, class: result.child.className, school: result.child.schoolName }));
    }
    return ctx.editMessageText(answerFor(t, result));
  });

  chat.callbackQuery(CANCEL, async (ctx) => {
    await ctx.answerCallbackQuery();
    return ctx.editMessageText(translator(langOf(ctx))('consent:bot.cancelled'));
  });

  chat.command('stop', async (ctx) => {
    const t = translator(langOf(ctx));
    const guardians = await findGuardiansOfChat(deps.prisma, String(ctx.chat.id));
    if (guardians.length === 0) return ctx.reply(t('consent:bot.stopNothing'));
    const keyboard = new InlineKeyboard().text(t('consent:bot.stopYes'), STOP_CONFIRM).text(t('consent:bot.stopNo'), STOP_CANCEL);
    return ctx.reply(t('consent:bot.stopConfirm'), { reply_markup: keyboard });
  });

  chat.callbackQuery(STOP_CONFIRM, async (ctx) => {
    const t = translator(langOf(ctx));
    await ctx.answerCallbackQuery();
    const guardians = await findGuardiansOfChat(deps.prisma, String(ctx.chat.id));
    if (guardians.length === 0) return ctx.editMessageText(t('consent:bot.stopNothing'));
    for (const guardian of guardians) {
      await withdrawConsent(deps.prisma, { schoolId: guardian.schoolId, guardianId: guardian.id, actor: { type: 'guardian', id: guardian.id }, now: now() });
    }
    deps.logger.info({ guardians: guardians.length }, 'consent withdrawn from the bot');
    // The last message this chat gets from us: the reply to its own request.
    return ctx.editMessageText(t('consent:bot.stopped'));
  });

  chat.callbackQuery(STOP_CANCEL, async (ctx) => {
    await ctx.answerCallbackQuery();
    return ctx.editMessageText(translator(langOf(ctx))('consent:bot.stopKept'));
  });

  return composer;
}
