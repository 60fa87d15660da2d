// A school gives up its own bot for a messenger and is served by the default bot again. As with
// replacing it, families' chats linked through it block the removal unless the caller says
// `unlinkChats`: those chats then turn inactive and their waiting messages fall back.
import { AppError } from '../../lib/app-error.js';
import { isUuid } from '../../lib/uuid.js';
import type { ChatChannel } from '../notifications/choose-channels.js';
import { countLinkedChats } from './count-linked-chats.js';
import { fallBackChatMessages } from './fall-back-chat-messages.js';
import type { BotActor, BotRegistry } from './types.js';
import { unlinkBotChats } from './unlink-bot-chats.js';

export interface RemoveBotInput {
  schoolId: string;
  type: ChatChannel;
  unlinkChats?: boolean;
  actor: BotActor;
}

export interface RemovedBot {
  type: ChatChannel;
  username: string | null;
  chatsUnlinked: number;
}

export async function removeBot(registry: Pick<BotRegistry, 'prisma' | 'pool'>, input: RemoveBotInput): Promise<RemovedBot> {
  const { schoolId, type } = input;
  const bot = isUuid(schoolId)
    ? await registry.prisma.bot.findUnique({ where: { schoolId_type: { schoolId, type } }, select: { id: true, username: true, tokenHint: true } })
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
  return { type, username: bot.username, chatsUnlinked: unlinked.length };
}
