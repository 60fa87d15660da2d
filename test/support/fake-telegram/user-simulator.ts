// Parents acting in Telegram: each action becomes an update in the
// getUpdates queue, with ids allocated the way Telegram would.
import type { ChatStore } from './chat-store.js';
import type { UpdateQueue } from './update-queue.js';
import { makeCallbackQueryUpdate, makeCommandUpdate, makeTextUpdate } from './updates.js';
import type { FakeUpdate, FakeUser, UserOverrides } from './types.js';

export class UserSimulator {
  private callbackQueries = 0;

  constructor(
    private readonly store: ChatStore,
    private readonly queue: UpdateQueue,
    private readonly bot: FakeUser,
  ) {}

  sendText(chatId: number, text: string, from?: UserOverrides): FakeUpdate {
    return this.enqueueMessage(makeTextUpdate(chatId, text, this.updateOptions(chatId, from)));
  }

  sendCommand(chatId: number, command: string, args?: string, from?: UserOverrides): FakeUpdate {
    return this.enqueueMessage(makeCommandUpdate(chatId, command, args, this.updateOptions(chatId, from)));
  }

  pressButton(chatId: number, callbackData: string, messageId?: number, from?: UserOverrides): FakeUpdate {
    const message =
      messageId === undefined
        ? this.store.findByCallbackData(chatId, callbackData, this.bot.id)
        : this.store.find(chatId, messageId);
    if (message === undefined && messageId === undefined) {
      throw new Error(
        `No bot message in chat ${chatId} has a button with callback_data "${callbackData}"; pass messageId to press it anyway`,
      );
    }
    this.callbackQueries += 1;
    const update = makeCallbackQueryUpdate(chatId, callbackData, {
      updateId: this.queue.nextUpdateId(),
      // Snapshot: the update must show the message as it was when pressed.
      ...(message === undefined ? { messageId } : { message: structuredClone(message) }),
      bot: this.bot,
      ...(from === undefined ? {} : { from }),
      // Telegram's query ids are long numeric strings.
      callbackQueryId: String(4_000_000_000_000 + this.callbackQueries),
    });
    if (update.callback_query) this.store.rememberUser(update.callback_query.from);
    this.queue.push(update);
    return update;
  }

  pushUpdate(update: Record<string, unknown>): FakeUpdate {
    const full = {
      ...update,
      update_id: typeof update.update_id === 'number' ? update.update_id : this.queue.nextUpdateId(),
    } as FakeUpdate;
    this.queue.push(full);
    return full;
  }

  private updateOptions(chatId: number, from: UserOverrides | undefined) {
    return {
      updateId: this.queue.nextUpdateId(),
      messageId: this.store.nextMessageId(chatId),
      ...(from === undefined ? {} : { from }),
    };
  }

  /** User messages join the chat history so bots can delete or reply to them. */
  private enqueueMessage(update: FakeUpdate): FakeUpdate {
    if (update.message !== undefined) {
      this.store.rememberUser(update.message.from);
      this.store.save(structuredClone(update.message));
    }
    this.queue.push(update);
    return update;
  }
}
