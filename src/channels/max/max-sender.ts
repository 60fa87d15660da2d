// Sends outbox rows to MAX through the official SDK (apiRoot from config, so a test fake
// works the same way), with Telegram's semantics: one pace for the whole bot, nothing
// waits long with a row claimed, a split message records each delivered part, and the
// Acknowledge button rides on the last part.
//
// MAX answers 429 above its per-bot rate, with no retry-after: a 429 hands the row back
// and pauses the whole bot for a second. A request without an answer within the send
// timeout is given up (it may still have been delivered: the one repeat allowed).
import { Keyboard } from '@maxhub/max-bot-api';
import { ACK_PAYLOAD_PREFIX } from '../../conversation/payloads.js';
import { notificationBody } from '../../conversation/notification-body.js';
import { renderHtml } from '../../conversation/render-html.js';
import { translator } from '../../i18n/index.js';
import { splitMessage } from '../../lib/split-message.js';
import { SendRateLimiter } from '../../modules/delivery/rate-limiter.js';
import { recordPartsSent } from '../../modules/delivery/record-parts-sent.js';
import { renderContent } from '../../modules/delivery/render/render-content.js';
import type { ChannelSender, ChatSenderOptions, ClaimedMessage, SendContext, SendOutcome } from '../../modules/delivery/types.js';
import { asksAcknowledgment } from '../../modules/notifications/types.js';
import { attachmentUrl } from '../../modules/announcements/attachment-url.js';
import { classifyMaxError, MAX_FLOOD_PAUSE_MS } from './classify-max-error.js';
import { createMaxApi } from './max-api.js';
import { MAX_MESSAGE_LIMIT } from './max-outbound.js';
import { sendSignal } from '../../lib/send-signal.js';

export { MAX_MESSAGE_LIMIT };

export interface MaxSenderOptions extends ChatSenderOptions {
  /** MAX publishes no per-user limit; one a second keeps the parts of a message in order. */
  perChatPerSecond?: number;
}

export function createMaxSender(options: MaxSenderOptions): ChannelSender & { limiter: SendRateLimiter } {
  const timeoutMs = (options.timeoutSeconds ?? 10) * 1000;
  const api = createMaxApi(options.token, options.apiRoot, timeoutMs);
  const limiter = new SendRateLimiter({ perSecond: options.perSecond, perChatPerSecond: options.perChatPerSecond });
  const maxSlotWaitMs = options.maxSlotWaitMs ?? 10_000;

  async function send(message: ClaimedMessage, context?: SendContext): Promise<SendOutcome> {
    const userId = Number(message.address);
    if (!message.address || !message.channelUsable) return { kind: 'fallback', error: 'max channel inactive', deactivateChannel: false };
    if (!Number.isSafeInteger(userId) || userId <= 0) return { kind: 'fallback', error: `max: not a user id: ${message.address}`, deactivateChannel: true };
    const chat = message.address;
    const parts = splitMessage(renderHtml(notificationBody(renderContent(message.kind, message.payload, { attachmentUrl: attachmentUrl(message, options.links) }))), MAX_MESSAGE_LIMIT);
    const ack = asksAcknowledgment(message) && message.guardianId !== null;
    const ids = message.partsSent > 0 && message.providerId ? message.providerId.split(',').slice(0, message.partsSent) : [];
    for (let i = ids.length; i < parts.length; i += 1) {
      const last = i === parts.length - 1;
      const attachments =
        last && ack ? [Keyboard.inlineKeyboard([[Keyboard.button.callback(translator(message.payload.lang)('notifications:ack.button'), `${ACK_PAYLOAD_PREFIX}${message.id}`)]])] : undefined;
      const slot = await limiter.acquire(chat, { maxWaitMs: maxSlotWaitMs, signal: context?.signal });
      if (!slot) {
        return { kind: 'retry', error: 'waiting for the send rate limit', afterMs: Math.max(limiter.readyIn(chat), 1000), countAttempt: false };
      }
      const deadline = sendSignal(timeoutMs, context?.signal);
      let sent;
      try {
        sent = await api.sendMessageToUser(userId, parts[i] as string, { format: 'html', disable_link_preview: true, attachments, signal: deadline.signal });
      } catch (error) {
        if (context?.signal.aborted) return { kind: 'retry', error: 'sending stopped', countAttempt: false };
        const outcome = classifyMaxError(error);
        // MAX's limit is the bot's, not the chat's: everyone waits.
        if (outcome.kind === 'retry' && outcome.afterMs !== undefined) limiter.pause(MAX_FLOOD_PAUSE_MS);
        return outcome;
      } finally {
        deadline.done();
        slot.done();
      }
      ids.push(sent.body.mid);
      if (!last && options.pool && !(await recordPartsSent(options.pool, message, ids.length, ids))) {
        return { kind: 'retry', error: 'claim lost while sending parts', countAttempt: false };
      }
    }
    return { kind: 'sent', providerId: ids.join(',') };
  }

  const readyIn = (message: ClaimedMessage) => (message.address ? limiter.readyIn(message.address) : 0);
  return { channelTypes: ['max'], send, readyIn, limiter };
}
