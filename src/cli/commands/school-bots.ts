// The bot flags of `vestnik school update` and the bot lines of `vestnik school show`: a
// token is checked with its messenger before it is saved, and only its last characters are
// ever printed.
import type { AppContext } from '../../app/app-context.js';
import type { Translate } from '../../i18n/index.js';
import { registerBot, type RegisteredBot } from '../../modules/bots/register-bot.js';
import { removeBot, type RemovedBot } from '../../modules/bots/remove-bot.js';
import type { BotRef, SchoolBotView } from '../../modules/bots/types.js';
import { createBotRegistry } from '../../app/create-bot-registry.js';
import { connectBotWebhook } from '../../channels/connect-bot-webhook.js';
import { disconnectBotWebhook } from '../../channels/disconnect-bot-webhook.js';
import { AppError } from '../../lib/app-error.js';
import { explainBotError as explainInWords } from '../../modules/bots/explain-bot-error.js';

/** `--telegram-token <t>` gives a string, `--no-telegram-token` false, neither undefined. */
export type BotChange = string | false | undefined;

export interface BotChanges {
  telegram: BotChange;
  max: BotChange;
  replace: boolean;
}

/** A refused bot change in the operator's language; linked chats also name the flag that confirms. */
export function explainBotError(error: unknown, t: Translate): unknown {
  const explained = explainInWords(error, t);
  const reason = AppError.is(explained) ? (explained.details as { reason?: string } | undefined)?.reason : undefined;
  return reason === 'chatsLinked' && AppError.is(explained) ? new AppError(explained.code, `${explained.message} ${t('school-bots:cli.confirm')}`, explained.details) : explained;
}

export function botName(t: Translate, username: string | null): string {
  return username ? `@${username}` : t('school-bots:noUsername');
}

export type BotResult = (RegisteredBot & { action: 'registered' | 'replaced' | 'token_changed' }) | (RemovedBot & { action: 'removed' });

export async function applyBotChanges(ctx: AppContext, schoolId: string, changes: BotChanges): Promise<BotResult[]> {
  const registry = createBotRegistry(ctx);
  const results: BotResult[] = [];
  // In webhook mode the messenger learns of the change at once: no restart of the web role.
  const onRegistered = (bot: BotRef) => connectBotWebhook(ctx, bot);
  const onRemoved = (bot: Pick<BotRef, 'id' | 'type' | 'token'>) => disconnectBotWebhook(ctx, bot);
  for (const type of ['telegram', 'max'] as const) {
    const change = changes[type];
    if (change === undefined) continue;
    if (change === false) {
      results.push({ action: 'removed', ...(await removeBot(registry, { schoolId, type, unlinkChats: changes.replace, actor: { type: 'cli' }, onRemoved })) });
    } else {
      const saved = await registerBot(registry, { schoolId, type, token: change, replace: changes.replace, actor: { type: 'cli' }, onRegistered });
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
