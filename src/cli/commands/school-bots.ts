// The bot flags of `vestnik school update` and the bot lines of `vestnik school show`: a
// token is checked with its messenger before it is saved, and only its last characters are
// ever printed.
import type { AppContext } from '../../app/app-context.js';
import { createBotProbe } from '../../channels/probe-bot.js';
import { AppError } from '../../lib/app-error.js';
import type { Translate } from '../../i18n/index.js';
import { registerBot, type RegisteredBot } from '../../modules/bots/register-bot.js';
import { removeBot, type RemovedBot } from '../../modules/bots/remove-bot.js';
import type { BotRegistry, SchoolBotView } from '../../modules/bots/types.js';
import type { ChatChannel } from '../../modules/notifications/choose-channels.js';

/** `--telegram-token <t>` gives a string, `--no-telegram-token` false, neither undefined. */
export type BotChange = string | false | undefined;

export interface BotChanges {
  telegram: BotChange;
  max: BotChange;
  replace: boolean;
}

export function botRegistry(ctx: AppContext): BotRegistry {
  return {
    prisma: ctx.db.prisma,
    pool: ctx.db.pool,
    secret: ctx.secret,
    probe: createBotProbe(ctx.config),
    defaultTokens: { telegram: ctx.config.telegram.token, max: ctx.config.max.token },
  };
}

/** A refused token or removal in the operator's language; other errors pass through. */
export function explainBotError(error: unknown, t: Translate): unknown {
  if (!AppError.is(error)) return error;
  const details = error.details as { channel?: ChatChannel; reason?: string; count?: number } | undefined;
  if (!details?.channel || !details.reason) return error;
  const messenger = t(`school-bots:messenger.${details.channel}`);
  const text =
    details.reason === 'format'
      ? t(`school-bots:error.format.${details.channel}`)
      : details.reason === 'chatsLinked'
        ? `${t('school-bots:error.chatsLinked', { messenger, count: details.count })} ${t('school-bots:cli.confirm')}`
        : t(`school-bots:error.${details.reason}`, { messenger });
  return new AppError(error.code, text, details);
}

export function botName(t: Translate, username: string | null): string {
  return username ? `@${username}` : t('school-bots:noUsername');
}

export type BotResult = (RegisteredBot & { action: 'registered' | 'replaced' | 'token_changed' }) | (RemovedBot & { action: 'removed' });

export async function applyBotChanges(ctx: AppContext, schoolId: string, changes: BotChanges): Promise<BotResult[]> {
  const registry = botRegistry(ctx);
  const results: BotResult[] = [];
  for (const type of ['telegram', 'max'] as const) {
    const change = changes[type];
    if (change === undefined) continue;
    if (change === false) {
      results.push({ action: 'removed', ...(await removeBot(registry, { schoolId, type, unlinkChats: changes.replace, actor: { type: 'cli' } })) });
    } else {
      const saved = await registerBot(registry, { schoolId, type, token: change, replace: changes.replace, actor: { type: 'cli' } });
      results.push({ action: saved.outcome, ...saved });
    }
  }
  return results;
}

export function describeBotResult(t: Translate, result: BotResult): string {
  const messenger = t(`school-bots:messenger.${result.type}`);
  const bot = botName(t, result.username);
  if (result.action === 'removed') return t('school-bots:cli.removed', { messenger, bot, count: result.chatsUnlinked });
  return t(`school-bots:cli.${result.action}`, { messenger, bot, token: result.tokenMasked, count: result.chatsUnlinked });
}

export function describeSchoolBot(t: Translate, bot: SchoolBotView): string {
  const messenger = t(`school-bots:messenger.${bot.type}`);
  if (bot.own) return t('school-bots:cli.ownBot', { messenger, bot: botName(t, bot.username), token: bot.tokenMasked, count: bot.chats });
  return t('school-bots:cli.defaultBot', { messenger, bot: bot.username ? ` @${bot.username}` : '', count: bot.chats });
}
