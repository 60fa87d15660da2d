// The MAX adapter: each update becomes a turn of the one conversation, or a change of the
// dialog's state. Updates of one parent are handled in order, different parents at once.
import { Bot, type Api } from '@maxhub/max-bot-api';
import { createConversation, type Conversation } from '../../conversation/create-conversation.js';
import type { ConversationDeps } from '../../conversation/types.js';
import { DEFAULT_BOT_IDS } from '../../modules/bots/default-bots.js';
import type { BotRef } from '../../modules/bots/types.js';
import { recordChatState } from '../../modules/channels/record-chat-state.js';
import { createMaxOutbound } from './max-outbound.js';
import { readMaxUpdate, type MaxUpdate } from './read-max-update.js';

export interface MaxBotDeps extends ConversationDeps {
  /** The bot this instance is (a school's own or the default); unset: the default bot of MAX_BOT_TOKEN. */
  bot?: Pick<BotRef, 'id' | 'token'>;
}

export interface MaxBot {
  /** The bot's row id: updates it receives are of chats linked through it. */
  botId: string;
  api: Api;
  /** Handles one update; resolves when the parent has been answered. */
  handleUpdate(update: MaxUpdate): Promise<void>;
}

export function createMaxApi(token: string, apiRoot: string | undefined): Api {
  return new Bot(token, apiRoot ? { clientOptions: { baseUrl: apiRoot } } : undefined).api;
}

export function createMaxBot(deps: MaxBotDeps, conversation: Conversation = createConversation(deps)): MaxBot {
  const { apiRoot } = deps.config.max;
  const token = deps.bot?.token ?? deps.config.max.token;
  if (!token) throw new Error('MAX_BOT_TOKEN is not set');
  const botId = deps.bot?.id ?? DEFAULT_BOT_IDS.max;
  const api = createMaxApi(token, apiRoot);
  const queues = new Map<string, Promise<void>>();

  async function handle(update: MaxUpdate): Promise<void> {
    const event = readMaxUpdate(update);
    if (event.kind === 'state') {
      const changed = await recordChatState(deps.prisma, { channel: 'max', chatId: event.userId, botId, change: event.state });
      deps.logger.info({ channel: 'max', state: event.state, channels: changed }, 'MAX dialog state changed');
      return;
    }
    if (event.kind !== 'turn') return;
    // Starting the bot again after stopping it brings the chat back.
    if (event.input.kind === 'command' && event.input.command === 'start') {
      await recordChatState(deps.prisma, { channel: 'max', chatId: event.chat.chatId, botId, change: 'restarted' });
    }
    await conversation.handle({ ...event.chat, botId }, event.input, createMaxOutbound(api, Number(event.chat.chatId), event.press));
  }

  return {
    botId,
    api,
    handleUpdate(update) {
      const key = String((readMaxUpdate(update) as { chat?: { chatId: string }; userId?: string }).chat?.chatId ?? (update.user as { user_id?: number } | undefined)?.user_id ?? '');
      const previous = queues.get(key) ?? Promise.resolve();
      const current = previous.then(() => handle(update)).catch((error: unknown) => deps.logger.error({ err: error, channel: 'max' }, 'MAX update failed outside the conversation'));
      queues.set(key, current);
      void current.then(() => {
        if (queues.get(key) === current) queues.delete(key);
      });
      return current;
    },
  };
}
