// The Acknowledge button under a pushed message (digest, final marks, exam result): R10.
import { Composer } from 'grammy';
import { AppError } from '../../lib/app-error.js';
import { recordAcknowledgment } from '../../modules/notifications/record-acknowledgment.js';
import { ACK_CALLBACK_PREFIX } from '../../channels/telegram/telegram-sender.js';
import type { BotContext } from '../context.js';
import { formatInstant } from '../format/dates.js';
import { answer } from '../reply.js';
import { refuse } from '../open-view.js';
import { UUID_SOURCE } from '../../lib/uuid.js';


export function createAcknowledgeMessageFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.callbackQuery(new RegExp(`^${ACK_CALLBACK_PREFIX}(${UUID_SOURCE})$`), async (ctx) => {
    const outboxMessageId = ctx.match[1] as string;
    // The message must belong to one of the guardians this chat speaks for.
    for (const guardian of ctx.links.guardians) {
      try {
        const result = await recordAcknowledgment(ctx.deps.prisma, { outboxMessageId, channelType: 'telegram', guardianId: guardian.id, at: ctx.deps.now() });
        const timezone = ctx.links.children.find((c) => c.guardianId === guardian.id)?.timezone ?? 'Europe/Moscow';
        const at = formatInstant(ctx.lang, result.acknowledgedAt, timezone);
        await answer(ctx, ctx.t(result.recorded ? 'bot:ackMessage.done' : 'bot:ackMessage.already', { at }));
        // The button has done its work: replace it with a note so it is not pressed again.
        await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: [[{ text: ctx.t('bot:ackMessage.button', { at }), callback_data: 'noop' }]] } }).catch(() => undefined);
        return;
      } catch (error) {
        if (!AppError.is(error, 'NOT_FOUND')) throw error;
      }
    }
    await refuse(ctx, { outboxMessageId });
  });
  // The note left in place of the button.
  composer.callbackQuery('noop', (ctx) => answer(ctx));
  return composer;
}
