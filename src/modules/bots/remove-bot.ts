// A school gives up its own bot for a messenger and is served by the default bot again. As with
// replacing it, families' chats linked through it block the removal unless the caller says
// `unlinkChats`: those chats then turn inactive and their waiting messages fall back.
import { AppError } from '../../lib/app-error.js';
import { isUuid } from '../../lib/uuid.js';
import type { ChatChannel } from '../notifications/choose-channels.js';
import { countLinkedChats } from './count-linked-chats.js';
import { fallBackChatMessages } from './fall-back-chat-messages.js';
import { openToken } from '../../lib/seal-token.js';
import type { BotActor, BotRef, BotRegistry } from './types.js';
import { unlinkBotChats } from './unlink-bot-chats.js';

export interface RemoveBotInput {
  schoolId: string;
  type: ChatChannel;
  unlinkChats?: boolean;
  actor: BotActor;
  /** Called after the bot is removed, e.g. to delete its webhook; best effort, a failure is the caller's to log. */
  onRemoved?: (bot: Pick<BotRef, 'id' | 'type' | 'token'>) => Promise<void>;
}

export interface RemovedBot {
  type: ChatChannel;
  username: string | null;
  chatsUnlinked: number;
}

export async function removeBot(registry: Pick<BotRegistry, 'prisma' | 'pool' | 'secret'>, input: RemoveBotInput): Promise<RemovedBot> {
  const { schoolId, type } = input;
  const bot = isUuid(schoolId)
    ? await registry.prisma.bot.findUnique({ where: { schoolId_type: { schoolId, type } }, select: { id: true, username: true, tokenHint: true, tokenSealed: true } })
    : null;
  if (!bot) throw new AppError('NOT_FOUND', `the school has no ${type} bot of its own`, { field: 'bot', channel: type, reason: 'noBot' });
  const unlinked = await registry.prisma.$transaction(async (tx) => {
    const linked = await countLinkedChats(tx, schoolId, bot.id);
    if (linked > 0 && !input.unlinkChats) {
      throw new AppError('CONFLICT', `${linked} families' chats are linked through the school's ${type} bot; removing it unlinks them`, {
        field: 'bot',
        channel: type,
        reason: 'chatsLinked',
        count: linked,
      });
    }
    const ids = await unlinkBotChats(tx, schoolId, bot.id, true);
    await tx.bot.delete({ where: { id: bot.id } });
    await tx.auditLog.create({
      data: {
        schoolId,
        actorType: input.actor.type,
        actorId: input.actor.id ?? null,
        action: 'school.bot.remove',
        targetType: 'bot',
        targetId: bot.id,
        details: { channel: type, username: bot.username, tokenHint: bot.tokenHint, chatsUnlinked: ids.length },
      },
    });
    return ids;
  });
  await fallBackChatMessages(registry.pool, bot.id, unlinked, `${type}: the school's bot was removed`);
  if (input.onRemoved && bot.tokenSealed) {
    // The removal stands whatever happens after it: a token sealed under another secret, or the hook failing.
    const token = (() => {
      try {
        return openToken(registry.secret, bot.tokenSealed);
      } catch {
        return undefined;
      }
    })();
    if (token) await input.onRemoved({ id: bot.id, type, token }).catch(() => undefined);
  }
  return { type, username: bot.username, chatsUnlinked: unlinked.length };
}
