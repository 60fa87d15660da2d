// Sends outbox rows to Telegram through grammY's Api (apiRoot from config, so a local
// Bot API server or a test fake works the same way).
//
// Nothing here waits long with a row claimed: a 429 hands the row back with Telegram's
// retry_after and the lane moves on to other chats; a request without an answer within the
// send timeout is given up (it may still have been delivered: the one repeat allowed).
import { Api, GrammyError, HttpError } from 'grammy';
import { translator } from '../../i18n/index.js';
import { asksAcknowledgment } from '../../modules/notifications/types.js';
import { attachmentUrl } from '../../modules/announcements/attachment-url.js';
import { SendRateLimiter } from '../../modules/delivery/rate-limiter.js';
import { recordPartsSent } from '../../modules/delivery/record-parts-sent.js';
import { renderContent } from '../../modules/delivery/render/render-content.js';
import { ACK_PAYLOAD_PREFIX } from '../../conversation/payloads.js';
import { notificationBody } from '../../conversation/notification-body.js';
import { renderHtml } from '../../conversation/render-html.js';
import { splitMessage } from '../../lib/split-message.js';
import type { ChannelSender, ChatSenderOptions, ClaimedMessage, SendContext, SendOutcome } from '../../modules/delivery/types.js';

export type TelegramSenderOptions = ChatSenderOptions;


/** grammY types its signal parameter with a polyfill's AbortSignal; Node's is compatible. */
type GrammySignal = Parameters<Api['sendMessage']>[3];

/** 429s for two different chats this close together mean the whole bot is over its limit. */
const GLOBAL_FLOOD_WINDOW_MS = 1000;

export function createTelegramSender(options: TelegramSenderOptions): ChannelSender & { limiter: SendRateLimiter } {
  const api = new Api(options.token, { apiRoot: options.apiRoot, timeoutSeconds: options.timeoutSeconds ?? 10 });
  const limiter = new SendRateLimiter({ perSecond: options.perSecond, perChatPerSecond: options.perChatPerSecond });
  const maxSlotWaitMs = options.maxSlotWaitMs ?? 10_000;
  let lastFlood: { chat: string; at: number } | undefined;

  /** A 429: this chat waits; when another chat was refused a moment ago, everyone does. */
  function onFlood(chat: string, ms: number): void {
    const now = Date.now();
    limiter.pauseChat(chat, ms);
    if (lastFlood && lastFlood.chat !== chat && now - lastFlood.at < GLOBAL_FLOOD_WINDOW_MS) limiter.pause(ms);
    lastFlood = { chat, at: now };
  }

  async function send(message: ClaimedMessage, context?: SendContext): Promise<SendOutcome> {
    if (!message.address || !message.channelUsable) {
      return { kind: 'fallback', error: 'telegram channel inactive', deactivateChannel: false };
    }
    const chat = message.address;
    const parts = splitMessage(renderHtml(notificationBody(renderContent(message.kind, message.payload, { attachmentUrl: attachmentUrl(message, options.links) }))));
    const ack = asksAcknowledgment(message) && message.guardianId !== null;
    const ids = message.partsSent > 0 && message.providerId ? message.providerId.split(',').slice(0, message.partsSent) : [];
    for (let i = ids.length; i < parts.length; i += 1) {
      const last = i === parts.length - 1;
      const reply_markup =
        last && ack
          ? { inline_keyboard: [[{ text: translator(message.payload.lang)('notifications:ack.button'), callback_data: `${ACK_PAYLOAD_PREFIX}${message.id}` }]] }
          : undefined;
      const slot = await limiter.acquire(chat, { maxWaitMs: maxSlotWaitMs, signal: context?.signal });
      if (!slot) {
        return { kind: 'retry', error: 'waiting for the send rate limit', afterMs: Math.max(limiter.readyIn(chat), 1000), countAttempt: false };
      }
      let sent;
      try {
        sent = await api.sendMessage(chat, parts[i] as string, { parse_mode: 'HTML', link_preview_options: { is_disabled: true }, reply_markup }, context?.signal as GrammySignal);
      } catch (error) {
        if (context?.signal.aborted) return { kind: 'retry', error: 'sending stopped', countAttempt: false };
        const outcome = classify(error);
        if (outcome.kind === 'retry' && outcome.afterMs !== undefined) onFlood(chat, outcome.afterMs);
        return outcome;
      } finally {
        slot.done();
      }
      ids.push(String(sent.message_id));
      if (!last && options.pool && !(await recordPartsSent(options.pool, message, ids.length, ids))) {
        return { kind: 'retry', error: 'claim lost while sending parts', countAttempt: false };
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
