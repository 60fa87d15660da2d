// Per-chat message history. In a private chat Telegram numbers the user's and
// the bot's messages from one sequence, so simulated user messages and bot
// replies share the counter here too.
import { makeChat } from './updates.js';
import type { ChatId, FakeChat, FakeMessage, FakeUser } from './types.js';

export class ChatStore {
  private lastMessageId = new Map<string, number>();
  private messages = new Map<string, Map<number, FakeMessage>>();
  private users = new Map<number, FakeUser>();

  nextMessageId(chatId: ChatId): number {
    const key = String(chatId);
    const id = (this.lastMessageId.get(key) ?? 0) + 1;
    this.lastMessageId.set(key, id);
    return id;
  }

  /** Remembered so replies to a known parent carry their name in `chat`. */
  rememberUser(user: FakeUser): void {
    this.users.set(user.id, user);
  }

  chat(chatId: number): FakeChat {
    return makeChat(chatId, this.users.get(chatId));
  }

  save(message: FakeMessage): void {
    const key = String(message.chat.id);
    let chat = this.messages.get(key);
    if (chat === undefined) {
      chat = new Map();
      this.messages.set(key, chat);
    }
    chat.set(message.message_id, message);
  }

  find(chatId: ChatId, messageId: unknown): FakeMessage | undefined {
    if (typeof messageId !== 'number') return undefined;
    return this.messages.get(String(chatId))?.get(messageId);
  }

  delete(chatId: ChatId, messageId: unknown): boolean {
    if (typeof messageId !== 'number') return false;
    return this.messages.get(String(chatId))?.delete(messageId) ?? false;
  }

  /** Newest bot message in the chat with an inline button carrying `data`. */
  findByCallbackData(chatId: ChatId, data: string, botId: number): FakeMessage | undefined {
    const chat = [...(this.messages.get(String(chatId))?.values() ?? [])].reverse();
    return chat.find(
      (m) =>
        m.from.id === botId &&
        (m.reply_markup?.inline_keyboard ?? []).some((row) =>
          row.some((button) => button.callback_data === data),
        ),
    );
  }
}
