// Sends outbox rows to Telegram through grammY's Api (apiRoot from config, so a local
// Bot API server or a test fake works the same way).
import { Api, GrammyError, HttpError } from 'grammy';
import { translator } from '../../i18n/index.js';
import { ACKNOWLEDGEABLE } from '../notifications/types.js';
import { SendRateLimiter } from './rate-limiter.js';
import { renderContent } from './render/render-content.js';
import { renderTelegram } from './render/render-telegram.js';
import type { ChannelSender, ClaimedMessage, SendOutcome } from './types.js';

export interface TelegramSenderOptions {
  token: string;
  apiRoot?: string;
  perSecond: number;
  perChatPerSecond?: number;
  /** A request without an answer after this long counts as a network error. */
  timeoutSeconds?: number;
  /** 429s absorbed in place for one message before it goes back to the queue. */
  maxRateLimitWaits?: number;
}

/** Callback data of the Acknowledge button (`ackmsg:<outbox id>`); the bot records the press with recordAcknowledgment. */
export const ACK_CALLBACK_PREFIX = 'ackmsg:';

export function createTelegramSender(options: TelegramSenderOptions): ChannelSender & { limiter: SendRateLimiter } {
  const api = new Api(options.token, { apiRoot: options.apiRoot, timeoutSeconds: options.timeoutSeconds ?? 30 });
  const limiter = new SendRateLimiter({ perSecond: options.perSecond, perChatPerSecond: options.perChatPerSecond });
  const maxWaits = options.maxRateLimitWaits ?? 5;

  async function send(message: ClaimedMessage): Promise<SendOutcome> {
    if (!message.address || !message.channelUsable) {
      return { kind: 'fallback', error: 'telegram channel inactive', deactivateChannel: false };
    }
    const chat = message.address;
    const parts = renderTelegram(renderContent(message.kind, message.payload));
    const ack = ACKNOWLEDGEABLE.has(message.kind) && message.guardianId !== null;
    const ids: number[] = [];
    for (let i = 0; i < parts.length; i += 1) {
      const last = i === parts.length - 1;
      const reply_markup =
        last && ack
          ? { inline_keyboard: [[{ text: translator(message.payload.lang)('notifications:ack.button'), callback_data: `${ACK_CALLBACK_PREFIX}${message.id}` }]] }
          : undefined;
      for (let waits = 0; ; waits += 1) {
        await limiter.acquire(chat);
        try {
          const sent = await api.sendMessage(chat, parts[i] as string, {
            parse_mode: 'HTML',
            link_preview_options: { is_disabled: true },
            reply_markup,
          });
          ids.push(sent.message_id);
          break;
        } catch (error) {
          const outcome = classify(error);
          if (outcome.kind === 'retry' && outcome.afterMs !== undefined && !outcome.countAttempt) {
            // Flood control applies to the whole bot: everyone waits, then this part is sent again.
            limiter.pause(outcome.afterMs);
            if (waits < maxWaits) continue;
          }
          return outcome;
        }
      }
    }
    return { kind: 'sent', providerId: ids.join(',') };
  }

  const readyIn = (message: ClaimedMessage) => (message.address ? limiter.readyIn(message.address) : 0);
  return { channelTypes: ['telegram'], send, readyIn, limiter };
}

export function classify(error: unknown): SendOutcome {
  if (error instanceof GrammyError) {
    const text = `${error.error_code} ${error.description}`;
    if (error.error_code === 429) {
      return { kind: 'retry', error: text, afterMs: (error.parameters.retry_after ?? 1) * 1000, countAttempt: false };
    }
    if (error.error_code === 403 || (error.error_code === 400 && /chat not found|user not found|chat_id is empty/i.test(error.description))) {
      return { kind: 'fallback', error: text, deactivateChannel: true };
    }
    if (error.error_code >= 500) return { kind: 'retry', error: text, countAttempt: true };
    // Any other 4xx will not change by retrying; the next channel may still deliver.
    return { kind: 'fallback', error: text, deactivateChannel: false };
  }
  if (error instanceof HttpError) return { kind: 'retry', error: `network: ${error.message}`, countAttempt: true };
  return { kind: 'retry', error: error instanceof Error ? error.message : String(error), countAttempt: true };
}
